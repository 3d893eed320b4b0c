package com.computebilling.report;

import com.computebilling.output.Columns;
import com.computebilling.output.CsvLine;
import com.computebilling.rating.NodeSeconds;
import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run report reads the outputs back: its figures must be theirs. Expected figures are derived by hand, from
 * {@code output-samples/} (whose own figures {@code output-samples/README.md} derives) or from the small files each
 * test writes.
 */
class ReportPageTest {

    private static final Path SAMPLES = Path.of("output-samples");
    private static final BillingZone SHANGHAI = BillingZone.of("Asia/Shanghai");

    @TempDir
    Path dir;

    private static String samplesPage() throws IOException {
        return RunReport.render(SAMPLES, HandMadeOutputs.FACTS);
    }

    // ---- the samples ---------------------------------------------------------------------------------------------

    @Test
    void the_samples_page_shows_each_currency_total_of_the_invoices() throws IOException {
        String page = samplesPage();
        // USD: acme-ai 157.88 + 47,865.40 subscription + 32.85 usage = 48,056.13
        // JPY: jp-lab 3,137,200 subscription + 5,370 usage = 3,142,570
        // CNY: pool-co 9000.00 subscription + 18.44 + 18.30 usage = 9,036.74
        assertThat(page).contains("<div class=\"cur\">USD</div><div class=\"total\">48056.13</div>",
                "<div class=\"cur\">JPY</div><div class=\"total\">3142570</div>",
                "<div class=\"cur\">CNY</div><div class=\"total\">9036.74</div>");
        assertThat(page).contains("<td>subscription</td><td class=\"num\">48023.28</td>",
                "<td>usage</td><td class=\"num\">5370</td>");
    }

    @Test
    void the_samples_page_shows_rows_read_and_rejected_per_kind() throws IOException {
        String page = samplesPage();
        // catalog 5 + 8 read, 1 rejected; orders 7 + 20, 1; usage 13 + 10, 9 — 63 read, 11 rejected, 52 accepted
        assertThat(page).contains("<td>catalog</td><td class=\"num\">13</td><td class=\"num warn\">1</td><td class=\"num\">12</td>",
                "<td>usage</td><td class=\"num\">23</td><td class=\"num warn\">9</td><td class=\"num\">14</td>",
                "<td>all</td><td class=\"num\">63</td><td class=\"num\">11</td><td class=\"num\">52</td>");
    }

    @Test
    void the_samples_node_seconds_are_six_buckets_that_add_up_to_the_input() throws IOException {
        Summary summary = Summary.read(SAMPLES.resolve("summary.json"));
        // 24,374 + 44,970 + 3600 + 3600 + 600 + 1800 = 78,944
        assertThat(Arrays.stream(NodeSeconds.Bucket.values()).mapToLong(b -> summary.nodeSeconds(b.key())).sum()).isEqualTo(78_944)
                .isEqualTo(summary.nodeSeconds("input"));
        String page = samplesPage();
        // billed 24,374 ÷ 78,944 = 30.875…%, covered 44,970 ÷ 78,944 = 56.964…%, no_price 600 ÷ 78,944 = 0.760…%
        assertThat(page).contains("billed</td><td class=\"num\">24374</td><td class=\"num\">30.88 %</td>",
                "covered</td><td class=\"num\">44970</td><td class=\"num\">56.96 %</td>",
                "no_price</td><td class=\"num\">600</td><td class=\"num\">0.76 %</td>",
                "<td>input</td><td class=\"num\">78944</td>");
        assertThat(page).contains("✓</span>node-seconds: the six buckets add up to the input");
    }

    @Test
    void the_samples_charges_per_day_are_summed_on_the_local_day_each_line_is_charged() throws IOException {
        ChargeFigures charges = ChargeFigures.read(SAMPLES.resolve("charges.csv"),
                ProcessedPeriod.month(YearMonth.of(2023, 4), SHANGHAI));
        assertThat(charges.grain()).isEqualTo(ChargeFigures.Grain.DAY);
        assertThat(charges.axis()).hasSize(30);
        assertThat(charges.lines()).isEqualTo(17);
        // JPY on 04-04: hour 10 1800 + hour 11 600 = 2400; on 04-12: 450 + 360 = 810;
        // on 04-20: the RENEW of jp-sub-2, 117,600, charged that day although its term starts on 05-01
        assertThat(day(charges, "JPY", 4)).isEqualByComparingTo("2400");
        assertThat(day(charges, "JPY", 12)).isEqualByComparingTo("810");
        assertThat(day(charges, "JPY", 20)).isEqualByComparingTo("117600");
        assertThat(day(charges, "JPY", 21)).isEqualByComparingTo("0");
        // CNY on 04-18: 18.44 + 18.30 + 9000.00 = 9036.74; USD on 04-03: 47,865.40
        assertThat(day(charges, "CNY", 18)).isEqualByComparingTo("9036.74");
        assertThat(day(charges, "USD", 3)).isEqualByComparingTo("47865.40");
        // The days add up to the amounts of the file: JPY 9800 + 1200 + 600 + 1800 + 600 + 9800 + 117,600
        // + 3,000,000 + 450 + 360 + 360 = 3,142,570
        assertThat(charges.currency().get("JPY").sum()).isEqualByComparingTo("3142570");
        assertThat(charges.currency().get("JPY").lines()).isEqualTo(11);
    }

    private static BigDecimal day(ChargeFigures charges, String currency, int dayOfApril) {
        return charges.currency().get(currency).perSlot().get(dayOfApril - 1);
    }

    // ---- hand-made outputs ---------------------------------------------------------------------------------------

    @Test
    void largest_invoices_come_first_within_their_currency_and_ties_go_by_invoice_id() throws IOException {
        HandMadeOutputs out = new HandMadeOutputs(dir, "2023-04", "UTC");
        // USD: acct-01 … acct-25 total 1.00 … 25.00, and acct-00 25.00 too (a tie with acct-25)
        for (int i = 1; i <= 25; i++) {
            String total = i + ".00";
            out.invoice(String.format("acct-%02d", i), "USD", "0.00", total, total, 1);
        }
        out.invoice("acct-00", "USD", "25.00", "0.00", "25.00", 1);
        // EUR: larger figures, ranked apart — amounts of different currencies are not compared
        out.invoice("big-eu", "EUR", "700.00", "0.00", "700.00", 1).invoice("small-eu", "EUR", "0.00", "5.00", "5.00", 1);
        out.write();

        InvoiceFigures figures = InvoiceFigures.read(dir.resolve("invoices.csv"), RunReport.TOP_INVOICES);
        InvoiceFigures.CurrencyInvoices usd = figures.currency().get("USD");
        // top 20 of 26: acct-00 and acct-25 (25.00, by id), then 24.00 down to 7.00
        assertThat(usd.largest()).extracting(InvoiceFigures.Invoice::accountId).hasSize(20)
                .startsWith("acct-00", "acct-25", "acct-24").endsWith("acct-08", "acct-07");
        // 1 + 2 + … + 25 = 325, plus acct-00's 25 = 350.00
        assertThat(usd.total()).isEqualByComparingTo("350.00");
        assertThat(usd.count()).isEqualTo(26);
        assertThat(figures.currency().get("EUR").largest()).extracting(InvoiceFigures.Invoice::accountId)
                .containsExactly("big-eu", "small-eu");

        String page = RunReport.render(dir, HandMadeOutputs.FACTS);
        assertThat(page).contains("USD <span class=\"muted\">top 20 of 26</span>");
        assertThat(page.indexOf("acct-00-202304-USD")).isLessThan(page.indexOf("acct-25-202304-USD"));
        assertThat(page.indexOf("acct-25-202304-USD")).isLessThan(page.indexOf("acct-24-202304-USD"));
        assertThat(page).contains("acct-07-202304-USD").doesNotContain("acct-06-202304-USD");
    }

    @Test
    void a_hostile_account_id_renders_as_text() throws IOException {
        String hostile = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>";
        String page = new HandMadeOutputs(dir, "2023-04", "UTC")
                .usage(hostile, "r-1", "2023-04-10T10:00:00Z", "1.50000000", "USD")
                .invoice(hostile, "USD", "0.00", "1.50", "1.50", 1)
                .finding("SKU_MISMATCH", "WARNING", "usage.csv", 2, hostile, "usage of " + hostile)
                .summary("totals", Map.of("USD", "1.50")).summary("exceptions", Map.of("SKU_MISMATCH", 1))
                .summary("charge_lines", 1).page();
        assertThat(page).doesNotContain("<script", "<img", "onerror=alert(1)>")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void an_id_with_commas_quotes_and_line_breaks_does_not_shift_the_amount_of_its_line() throws IOException {
        new HandMadeOutputs(dir, "2023-04", "UTC")
                .usage("acme, \"the\"\nco", "r,1", "2023-04-10T10:00:00Z", "1.50000000", "USD")
                .usage("plain", "r-2", "2023-04-10T11:00:00Z", "2.25000000", "USD").write();
        ChargeFigures charges = ChargeFigures.read(dir.resolve("charges.csv"),
                ProcessedPeriod.month(YearMonth.of(2023, 4), BillingZone.of("UTC")));
        // 1.50 + 2.25 = 3.75, both on 04-10
        assertThat(charges.lines()).isEqualTo(2);
        assertThat(charges.currency().get("USD").perSlot().get(9)).isEqualByComparingTo("3.75");
    }

    @Test
    void a_month_run_charts_charges_per_local_day_of_the_billing_zone() throws IOException {
        String page = new HandMadeOutputs(dir, "2023-04", "Asia/Shanghai")
                .usage("a", "r-1", "2023-04-10T10:00:00+08:00", "1.50000000", "USD")
                .usage("a", "r-1", "2023-04-10T23:00:00+08:00", "2.25000000", "USD")
                // 00:00 on the 11th in Shanghai is still the 10th in UTC (16:00Z): it counts on the 11th
                .usage("a", "r-1", "2023-04-11T00:00:00+08:00", "4.00000000", "USD").page();
        ChargeFigures charges = ChargeFigures.read(dir.resolve("charges.csv"),
                ProcessedPeriod.month(YearMonth.of(2023, 4), SHANGHAI));
        assertThat(charges.grain()).isEqualTo(ChargeFigures.Grain.DAY);
        assertThat(charges.axis()).hasSize(30);
        assertThat(charges.axis().get(0).title()).isEqualTo("2023-04-01");
        // 04-10: 1.50 + 2.25 = 3.75; 04-11: 4.00
        assertThat(charges.currency().get("USD").perSlot().get(9)).isEqualByComparingTo("3.75");
        assertThat(charges.currency().get("USD").perSlot().get(10)).isEqualByComparingTo("4.00");
        assertThat(page).contains("<h2>Charges per day</h2>", "2023-04-10: USD 3.75000000",
                "2023-04-11: USD 4.00000000");
    }

    @Test
    void a_day_run_charts_charges_per_hour_of_that_day() throws IOException {
        String page = new HandMadeOutputs(dir, "2023-04-10", "Asia/Shanghai")
                .usage("a", "r-1", "2023-04-10T10:00:00+08:00", "1.50000000", "USD")
                .usage("b", "r-2", "2023-04-10T10:00:00+08:00", "0.25000000", "USD")
                .usage("a", "r-1", "2023-04-10T23:00:00+08:00", "2.25000000", "USD")
                .subscription("c", "r-3", "SUBSCRIPTION", "2023-04-10T16:30:30+08:00", "2023-04-10T16:30:30+08:00",
                        "9000.00000000", "CNY").page();
        ChargeFigures charges = ChargeFigures.read(dir.resolve("charges.csv"),
                ProcessedPeriod.day(LocalDate.of(2023, 4, 10), SHANGHAI));
        assertThat(charges.grain()).isEqualTo(ChargeFigures.Grain.HOUR);
        assertThat(charges.axis()).hasSize(24);
        // hour 10: 1.50 + 0.25 = 1.75; hour 23: 2.25; the subscription charged at 16:30:30 is in hour 16
        assertThat(charges.currency().get("USD").perSlot().get(10)).isEqualByComparingTo("1.75");
        assertThat(charges.currency().get("USD").perSlot().get(23)).isEqualByComparingTo("2.25");
        assertThat(charges.currency().get("CNY").perSlot().get(16)).isEqualByComparingTo("9000");
        assertThat(page).contains("<h2>Charges per hour</h2>", "2023-04-10T10:00:00+08:00: USD 1.75000000");
    }

    @Test
    void a_day_with_a_daylight_saving_change_has_23_hourly_columns() throws IOException {
        new HandMadeOutputs(dir, "2023-03-26", "Europe/Berlin")
                // 03:00 CEST comes right after 02:00 CET: the third hour of the day
                .usage("a", "r-1", "2023-03-26T03:00:00+02:00", "1.00000000", "EUR").write();
        ChargeFigures charges = ChargeFigures.read(dir.resolve("charges.csv"),
                ProcessedPeriod.day(LocalDate.of(2023, 3, 26), BillingZone.of("Europe/Berlin")));
        assertThat(charges.axis()).hasSize(23);
        assertThat(charges.axis().get(2).title()).isEqualTo("2023-03-26T03:00:00+02:00");
        assertThat(charges.currency().get("EUR").perSlot().get(2)).isEqualByComparingTo("1");
    }

    @Test
    void a_run_over_the_months_of_its_usage_charts_every_day_of_those_months() throws IOException {
        String page = new HandMadeOutputs(dir, null, "UTC")
                .summary("months", List.of("2023-03", "2023-04"))
                .usage("a", "r-1", "2023-03-31T23:00:00Z", "1.00000000", "USD")
                .usage("a", "r-1", "2023-04-01T00:00:00Z", "2.00000000", "USD").page();
        ChargeFigures charges = ChargeFigures.read(dir.resolve("charges.csv"),
                ProcessedPeriod.monthsOfUsage(new TreeSet<>(List.of(YearMonth.of(2023, 3), YearMonth.of(2023, 4))),
                        BillingZone.of("UTC")));
        // 31 days of March + 30 of April; 03-31 holds 1.00, 04-01 holds 2.00
        assertThat(charges.axis()).hasSize(61);
        assertThat(charges.currency().get("USD").perSlot().subList(30, 32))
                .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.ONE, new BigDecimal("2"));
        assertThat(page).contains("months of usage 2023-03, 2023-04");
    }

    @Test
    void findings_show_the_first_five_rows_of_each_code_the_most_frequent_code_first() throws IOException {
        HandMadeOutputs out = new HandMadeOutputs(dir, "2023-04", "UTC");
        out.finding("SKU_MISMATCH", "WARNING", "usage.csv", 2, "a", "first mismatch")
                .finding("SKU_MISMATCH", "WARNING", "usage.csv", 3, "a", "second mismatch");
        for (int line = 2; line <= 8; line++) {
            out.finding("MALFORMED_ROW", "ERROR", "usage_2.csv", line, "", "bad row on line " + line);
        }
        String page = out.summary("exceptions", new TreeMap<>(Map.of("MALFORMED_ROW", 7, "SKU_MISMATCH", 2))).page();
        FindingFigures findings = FindingFigures.read(dir.resolve("exceptions.csv"), RunReport.FIRST_FINDINGS);
        // 7 + 2 = 9 rows; MALFORMED_ROW (7) before SKU_MISMATCH (2)
        assertThat(findings.rows()).isEqualTo(9);
        assertThat(findings.codes()).extracting(FindingFigures.Code::code).containsExactly("MALFORMED_ROW", "SKU_MISMATCH");
        assertThat(page).contains("MALFORMED_ROW <span class=\"muted\">first 5 of 7</span>", "bad row on line 6",
                "SKU_MISMATCH <span class=\"muted\">2 rows</span>", "second mismatch");
        // lines 2 … 6 are the first five; 7 and 8 are in the file only
        assertThat(page).doesNotContain("bad row on line 7", "bad row on line 8");
        assertThat(page).contains("✓</span>findings: summary.json counts exceptions.csv rows per code");
    }

    @Test
    void a_summary_that_disagrees_with_the_files_is_flagged() throws IOException {
        String page = new HandMadeOutputs(dir, "2023-04", "UTC")
                .usage("a", "r-1", "2023-04-10T10:00:00Z", "1.50000000", "USD")
                .invoice("a", "USD", "0.00", "1.50", "1.50", 1)
                // the file has one line and one invoice of 1.50; the summary claims two lines and 2.50
                .summary("totals", Map.of("USD", "2.50")).summary("charge_lines", 2).page();
        assertThat(page).contains("<li class=\"bad\"><span class=\"mark\">✗</span>totals: summary.json equals",
                "<li class=\"bad\"><span class=\"mark\">✗</span>charge lines: summary.json counts charges.csv "
                        + "<span class=\"muted\">summary 2, file 1</span>");
    }

    @Test
    void a_run_with_nothing_charged_and_nothing_found_says_so() throws IOException {
        String page = new HandMadeOutputs(dir, "2023-04", "UTC").page();
        assertThat(page).contains("No invoices: nothing was charged in this period.", "No findings", "No charge lines.");
        assertThat(page).doesNotContain("class=\"bad\"");
    }

    @Test
    void the_page_needs_no_network_and_no_script() throws IOException {
        String page = samplesPage();
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">", "<svg class=\"chart\"")
                .doesNotContain("<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http:", "https:");
    }

    /**
     * A large run: the page sums, it never lists. 200,000 charge lines over April in three currencies, 30,000
     * invoices and 30,000 findings with long details (clipped on the page) still make a page of tens of kilobytes.
     */
    @Test
    void the_page_stays_under_2_MB_for_200_000_charge_lines() throws IOException {
        new HandMadeOutputs(dir, "2023-04", "UTC").summary("totals", Map.of("USD", "449985000.00"))
                .summary("charge_lines", 200_000).write();
        String[] currencies = {"CNY", "JPY", "USD"};
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("charges.csv"), StandardCharsets.UTF_8)) {
            w.write(CsvLine.of(Columns.CHARGES));
            for (int i = 0; i < 200_000; i++) {
                int day = 1 + i % 30, hour = i / 30 % 23;
                String start = String.format("2023-04-%02dT%02d:00:00Z", day, hour);
                String end = String.format("2023-04-%02dT%02d:00:00Z", day, hour + 1);
                w.write(CsvLine.of("CL" + i, "acct-" + i % 5000 + "-202304-USD", "acct-" + i % 5000, "r-" + i, "LINGJUN",
                        "cn-wulanchabu", "ml.gu7xf", "USAGE", "PAY_AS_YOU_GO", "o-" + i, start, end, start, end, "1",
                        "3600", "SECOND", "0.12345678", "SECOND", "0.12345678", currencies[i % 3]));
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("invoices.csv"), StandardCharsets.UTF_8)) {
            w.write(CsvLine.of(Columns.INVOICES));
            for (int i = 0; i < 30_000; i++) {
                w.write(CsvLine.of("acct-" + i + "-202304-USD", "acct-" + i, "2023-04", "USD", "0.00", i + ".00",
                        i + ".00", "1", "FINAL"));
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("exceptions.csv"), StandardCharsets.UTF_8)) {
            w.write(CsvLine.of(Columns.EXCEPTIONS));
            for (int i = 0; i < 30_000; i++) {
                w.write(CsvLine.of(List.of("MALFORMED_ROW", "SKU_MISMATCH", "OVERLAPPING_USAGE").get(i % 3), "ERROR",
                        "usage.csv", String.valueOf(i + 2), "", "", "", "", "x".repeat(500)));
            }
        }
        String page = RunReport.render(dir, HandMadeOutputs.FACTS);
        assertThat(page.getBytes(StandardCharsets.UTF_8).length).isLessThan(2_000_000);
        ChargeFigures charges = ChargeFigures.read(dir.resolve("charges.csv"),
                ProcessedPeriod.month(YearMonth.of(2023, 4), BillingZone.of("UTC")));
        // CNY gets the lines i ≡ 0 (mod 3) of 0 … 199,999: 66,667 of them; 66,667 × 0.12345678 = 8230.49315226
        assertThat(charges.lines()).isEqualTo(200_000);
        assertThat(charges.currency().get("CNY").lines()).isEqualTo(66_667);
        assertThat(charges.currency().get("CNY").sum()).isEqualByComparingTo("8230.49315226");
        // the USD total of 0 + 1 + … + 29,999 = 29,999 × 30,000 ÷ 2 = 449,985,000
        assertThat(page).contains("<div class=\"total\">449985000.00</div>", "top 20 of 30000",
                "acct-29999-202304-USD", "first 5 of 10000", "✓</span>charge lines");
        assertThat(InvoiceFigures.read(dir.resolve("invoices.csv"), 20).currency().get("USD").total())
                .isEqualByComparingTo("449985000");
    }
}
