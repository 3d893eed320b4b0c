package com.computebilling.catalog;

/** What one unit price buys for one node: metered units for pay-as-you-go, calendar terms for subscriptions. */
public enum PriceUnit {
    SECOND(1), MINUTE(60), HOUR(3600), MONTH(0), YEAR(0);

    private final long seconds;

    PriceUnit(long seconds) {
        this.seconds = seconds;
    }

    public boolean isMetered() {
        return seconds > 0;
    }

    public long seconds() {
        if (!isMetered()) {
            throw new IllegalStateException(this + " is a calendar term, not a fixed number of seconds");
        }
        return seconds;
    }

    public BillingMode mode() {
        return isMetered() ? BillingMode.PAY_AS_YOU_GO : BillingMode.SUBSCRIPTION;
    }
}
