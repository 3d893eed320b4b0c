package com.computebilling.input;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.catalog.PriceUnit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;

/** Reads a {@code catalog*.csv} row into a {@link CatalogPrice}. */
public final class CatalogRows {

    private CatalogRows() {
    }

    public static CatalogPrice parse(CsvRecord r, ZoneId zone) {
        Fields f = new Fields(r, zone);
        BillingMode mode = f.enumeration("billing_mode", BillingMode.class);
        PriceUnit unit = f.enumeration("price_unit", PriceUnit.class);
        if (unit.mode() != mode) {
            throw f.bad("price_unit " + unit + " does not go with billing_mode " + mode);
        }
        Instant from = f.instant("effective_from");
        Instant to = f.isEmpty("effective_to") ? null : f.instant("effective_to");
        if (to != null && !to.isAfter(from)) {
            throw f.bad("effective_to is not after effective_from");
        }
        // 0.73 and 0.730 are one price: normalised so that lines with equal prices merge and ids stay stable
        BigDecimal price = f.nonNegativeDecimal("unit_price").stripTrailingZeros();
        price = price.scale() < 0 ? price.setScale(0) : price;
        return new CatalogPrice(f.text("sku"), f.text("region"), mode, unit, price,
                f.currency("currency"), from, to, f.flag("in_stock", true), r.source());
    }
}
