package com.computebilling.output;

import com.computebilling.catalog.BillingMode;
import com.computebilling.catalog.ChargeType;
import com.computebilling.catalog.PriceUnit;
import com.computebilling.rating.ChargeLine;
import com.computebilling.rating.NodeSeconds;
import com.computebilling.rating.ResourceBill;
import com.computebilling.time.BillingZone;
import com.computebilling.usage.ResourceClass;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChargeRowsTest {

    private static final BillingZone SHANGHAI = BillingZone.of("Asia/Shanghai");

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    /** SPEC §1: 1 node of ml.gu7xf.8xlarge-gu108 pay-as-you-go at 0.73/minute for 45 minutes = 32.85. */
    private static ChargeLine payg(String account, String resource, String hour, String from, String to) {
        return new ChargeLine(account, resource, ResourceClass.LINGJUN, "cn-shanghai", "ml.gu7xf.8xlarge-gu108",
                ChargeType.USAGE, BillingMode.PAY_AS_YOU_GO, "o-1", at(hour), at(hour).plusSeconds(3600), at(from),
                at(to), 1, 2700, "SECOND", new BigDecimal("0.730"), PriceUnit.MINUTE, new BigDecimal("32.85000000"),
                Currency.getInstance("CNY"));
    }

    private static ResourceBill bill(String resource, ChargeLine... lines) {
        return new ResourceBill(resource, List.of(lines), List.of(), new NodeSeconds(0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void a_row_prints_the_zone_offset_eight_place_amounts_and_the_price_at_minor_units() {
        ChargeLine line = payg("acct-1", "lj-1", "2023-04-18T15:00:00+08:00", "2023-04-18T15:10:00+08:00",
                "2023-04-18T15:55:00+08:00");

        String row = new ChargeRows(SHANGHAI).row(line, line.lineId(), "acct-1-202304-CNY");

        assertThat(row).isEqualTo(line.lineId() + ",acct-1-202304-CNY,acct-1,lj-1,LINGJUN,cn-shanghai,"
                + "ml.gu7xf.8xlarge-gu108,USAGE,PAY_AS_YOU_GO,o-1,2023-04-18T15:00:00+08:00,2023-04-18T16:00:00+08:00,"
                + "2023-04-18T15:10:00+08:00,2023-04-18T15:55:00+08:00,1,2700,SECOND,0.73,MINUTE,32.85000000,CNY");
    }

    @Test
    void a_resources_rows_are_grouped_per_account_in_file_order_with_their_invoice() {
        ChargeLine b = payg("acct-b", "pub-1", "2023-04-18T15:00:00+08:00", "2023-04-18T15:00:00+08:00",
                "2023-04-18T15:45:00+08:00");
        ChargeLine a2 = payg("acct-a", "pub-1", "2023-05-01T00:00:00+08:00", "2023-05-01T00:00:00+08:00",
                "2023-05-01T00:45:00+08:00");
        ChargeLine a1 = payg("acct-a", "pub-1", "2023-04-30T23:00:00+08:00", "2023-04-30T23:00:00+08:00",
                "2023-04-30T23:45:00+08:00");

        List<ChargeRows.Part> parts = new ChargeRows(SHANGHAI).parts(bill("pub-1", b, a2, a1));

        assertThat(parts).extracting(ChargeRows.Part::accountId, ChargeRows.Part::part, ChargeRows.Part::lineCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("acct-a", 0, 2),
                        org.assertj.core.groups.Tuple.tuple("acct-b", 0, 1));
        // April's hour is on April's invoice, May's on May's: the month is the hour's, in the billing zone.
        assertThat(parts.get(0).rows().lines().map(r -> r.split(",")[Columns.CHARGES.indexOf("invoice_id")]))
                .containsExactly("acct-a-202304-CNY", "acct-a-202305-CNY");
        assertThat(parts.get(0).rows()).endsWith("\n");
    }

    @Test
    void rows_past_the_part_size_go_on_in_a_numbered_part() {
        ChargeLine h1 = payg("acct-a", "lj-1", "2023-04-18T15:00:00+08:00", "2023-04-18T15:00:00+08:00",
                "2023-04-18T15:45:00+08:00");
        ChargeLine h2 = payg("acct-a", "lj-1", "2023-04-18T16:00:00+08:00", "2023-04-18T16:00:00+08:00",
                "2023-04-18T16:45:00+08:00");
        ChargeLine h3 = payg("acct-a", "lj-1", "2023-04-18T17:00:00+08:00", "2023-04-18T17:00:00+08:00",
                "2023-04-18T17:45:00+08:00");

        List<ChargeRows.Part> parts = new ChargeRows(SHANGHAI, 1).parts(bill("lj-1", h3, h1, h2));

        assertThat(parts).extracting(ChargeRows.Part::part).containsExactly(0, 1, 2);
        assertThat(String.join("", parts.stream().map(ChargeRows.Part::rows).toList()).lines()
                .map(r -> r.split(",")[Columns.CHARGES.indexOf("period_start")])).containsExactly("2023-04-18T15:00:00+08:00", "2023-04-18T16:00:00+08:00",
                "2023-04-18T17:00:00+08:00");
    }

    @Test
    void two_lines_with_one_id_in_a_resource_are_refused() {
        ChargeLine line = payg("acct-a", "lj-1", "2023-04-18T15:00:00+08:00", "2023-04-18T15:00:00+08:00",
                "2023-04-18T15:45:00+08:00");
        assertThatThrownBy(() -> bill("lj-1", line, line)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(line.lineId());
    }

    @Test
    void lines_of_one_account_and_month_in_two_currencies_are_on_two_invoices() {
        ChargeLine cny = payg("acct-a", "pub-1", "2023-04-18T15:00:00+08:00", "2023-04-18T15:00:00+08:00",
                "2023-04-18T15:45:00+08:00");
        ChargeLine usd = new ChargeLine("acct-a", "pub-1", ResourceClass.LINGJUN, "us-east-1", "ml.gu7xf.8xlarge-gu108",
                ChargeType.USAGE, BillingMode.PAY_AS_YOU_GO, "o-2", at("2023-04-18T16:00:00+08:00"),
                at("2023-04-18T17:00:00+08:00"), at("2023-04-18T16:00:00+08:00"), at("2023-04-18T16:45:00+08:00"), 1,
                2700, "SECOND", new BigDecimal("0.10"), PriceUnit.MINUTE, new BigDecimal("4.50000000"),
                Currency.getInstance("USD"));

        List<ChargeRows.Part> parts = new ChargeRows(SHANGHAI).parts(bill("pub-1", cny, usd));

        assertThat(parts.get(0).rows().lines().map(r -> r.split(",")[Columns.CHARGES.indexOf("invoice_id")]))
                .containsExactly("acct-a-202304-CNY", "acct-a-202304-USD");
    }
}
