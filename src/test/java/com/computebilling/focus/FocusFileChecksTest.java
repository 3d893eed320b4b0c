package com.computebilling.focus;

import com.computebilling.cli.CliRun;
import com.computebilling.tools.GenerateData;
import com.opencsv.CSVReaderHeaderAware;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §6 "Checks the file must pass", and FOCUS 1.2's value rules, on generated data billed in New York (a 25-hour
 * day, 5 November 2023): a month run, a day run (that very day) and a run without a period.
 */
class FocusFileChecksTest {

    private static final String ZONE = "America/New_York";

    /** SPEC §6's columns, in its order, spelled out here rather than taken from the product. */
    private static final List<String> COLUMNS = List.of("BilledCost", "BillingAccountId", "BillingAccountName",
            "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory", "ChargeClass",
            "ChargeDescription", "ChargeFrequency", "ChargePeriodStart", "ChargePeriodEnd",
            "CommitmentDiscountCategory", "CommitmentDiscountId", "CommitmentDiscountName",
            "CommitmentDiscountQuantity", "CommitmentDiscountStatus", "CommitmentDiscountType",
            "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit", "ContractedCost", "ListCost",
            "ContractedUnitPrice", "ListUnitPrice", "EffectiveCost", "InvoiceId", "InvoiceIssuerName", "ProviderName",
            "PublisherName", "PricingCategory", "PricingQuantity", "PricingUnit", "RegionId", "RegionName",
            "ResourceId", "ResourceName", "ResourceType", "ServiceCategory", "ServiceName", "SkuId", "SkuPriceId",
            "x_LineId", "x_OrderId");

    /** Per row kind, the columns SPEC §6 makes null (empty); every other column must have a value. */
    private static final Set<String> ALWAYS_NULL = Set.of("BillingAccountName", "ChargeClass");
    private static final Set<String> NULL_IN_U = Set.of("CommitmentDiscountCategory", "CommitmentDiscountId",
            "CommitmentDiscountName", "CommitmentDiscountQuantity", "CommitmentDiscountStatus",
            "CommitmentDiscountType", "CommitmentDiscountUnit");
    private static final Set<String> NULL_IN_P = Set.of("CommitmentDiscountStatus", "ConsumedQuantity", "ConsumedUnit");
    private static final Set<String> NULL_IN_A = Set.of("ContractedUnitPrice", "ListUnitPrice", "InvoiceId",
            "x_LineId");
    private static final Set<String> NULL_IN_R = Set.of("CommitmentDiscountCategory", "CommitmentDiscountId",
            "CommitmentDiscountName", "CommitmentDiscountQuantity", "CommitmentDiscountStatus",
            "CommitmentDiscountType", "CommitmentDiscountUnit", "ConsumedQuantity", "ConsumedUnit",
            "ContractedUnitPrice", "ListUnitPrice", "PricingCategory", "PricingQuantity", "PricingUnit", "RegionId",
            "RegionName", "ResourceId", "ResourceName", "ResourceType", "SkuId", "SkuPriceId", "x_LineId", "x_OrderId");

    private static final Pattern UTC = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final List<String> DATES = List.of("BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart",
            "ChargePeriodEnd");
    private static final List<String> DECIMALS = List.of("BilledCost", "CommitmentDiscountQuantity",
            "ConsumedQuantity", "ContractedCost", "ListCost", "ContractedUnitPrice", "ListUnitPrice", "EffectiveCost",
            "PricingQuantity");
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "ChargeCategory", Set.of("Usage", "Purchase", "Tax", "Credit", "Adjustment"),
            "ChargeFrequency", Set.of("One-Time", "Recurring", "Usage-Based"),
            "CommitmentDiscountCategory", Set.of("Spend", "Usage"),
            "CommitmentDiscountStatus", Set.of("Used", "Unused"),
            "PricingCategory", Set.of("Standard", "Dynamic", "Committed", "Other"),
            "ServiceCategory", Set.of("AI and Machine Learning"));

    @TempDir
    static Path tmp;
    private static Path input;

    @BeforeAll
    static void generate() throws Exception {
        input = tmp.resolve("input");
        GenerateData.generate(new GenerateData.Config(input, 40, 45, 11, LocalDate.parse("2023-10-15"), -1, 5));
        // Generated terms run past the data's last day; two more resources hold terms that begin and end inside
        // October and November, so that "a term wholly in the period adds up to its purchase" is checked, not vacuous.
        Files.writeString(input.resolve("orders-whole-terms.csv"), String.join("\n",
                "order_id,account_id,resource_id,resource_class,region,sku,quantity,order_type,billing_mode,"
                        + "effective_at,duration,duration_unit,auto_renew,status",
                "o-whole-1,acct-whole,gen-whole-1,GENERAL,cn-shanghai,ecs.g7.xlarge-4c16g,3,NEW,SUBSCRIPTION,"
                        + "2023-10-10T10:17:23-04:00,1,MONTH,false,PAID",
                "o-whole-2,acct-whole,gen-whole-2,GENERAL,cn-shanghai,ecs.g7.xlarge-4c16g,1,NEW,SUBSCRIPTION,"
                        + "2023-10-31T23:59:59-04:00,1,MONTH,false,PAID", ""));
        Files.writeString(input.resolve("usage-whole-terms.csv"), String.join("\n",
                "record_id,account_id,resource_id,resource_class,region,sku,quantity,start_time,end_time",
                "u-whole-1,acct-whole,gen-whole-1,GENERAL,cn-shanghai,ecs.g7.xlarge-4c16g,2,"
                        + "2023-11-04T22:00:00-04:00,2023-11-05T03:00:00-05:00",
                "u-whole-2,acct-whole,gen-whole-1,GENERAL,cn-shanghai,ecs.g7.xlarge-4c16g,3,"
                        + "2023-11-05T01:30:00-05:00,2023-11-05T02:30:00-05:00",
                "u-whole-3,acct-whole,gen-whole-2,GENERAL,cn-shanghai,ecs.g7.xlarge-4c16g,1,"
                        + "2023-11-20T00:00:00-05:00,2023-11-20T12:00:00-05:00", ""));
    }

    @Test
    void aMonthRunClosesItsInvoicesAndBalancesThemWithRoundingRows() throws Exception {
        Checked c = runAndCheck("month", "--period=2023-11");
        assertThat(c.finalInvoices).isPositive();
        assertThat(c.roundingRows).isPositive();
        assertThat(c.amortizationRows).isPositive();
    }

    @Test
    void aDayRunOfTwentyFiveHoursAmortizesThatDayOnly() throws Exception {
        Checked c = runAndCheck("day", "--period=2023-11-05");
        assertThat(c.finalInvoices).isZero();
        assertThat(c.roundingRows).isZero();
        assertThat(c.amortizationRows).isPositive();
        assertThat(c.pieceSeconds).allSatisfy(s -> assertThat(s).isLessThanOrEqualTo(90_000));
        assertThat(c.pieceSeconds).contains(90_000L);
    }

    @Test
    void aRunWithoutAPeriodSpreadsEveryTermItHoldsWhole() throws Exception {
        Checked c = runAndCheck("all");
        assertThat(c.wholeTerms).isPositive();
        assertThat(c.finalInvoices).isPositive();
    }

    @Test
    void withoutFocusTheOtherOutputsAreTheSameAndNoFocusFileIsWritten() throws Exception {
        Path with = tmp.resolve("compare-with");
        Path without = tmp.resolve("compare-without");
        assertThat(CliRun.billing(tmp.resolve("db-compare-with"), "run", "--input=" + input, "--output=" + with,
                "--zone=" + ZONE, "--period=2023-11", "--focus").exitCode).isZero();
        assertThat(CliRun.billing(tmp.resolve("db-compare-without"), "run", "--input=" + input, "--output=" + without,
                "--zone=" + ZONE, "--period=2023-11").exitCode).isZero();
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(without.resolve(f))).as(f).isEqualTo(Files.readString(with.resolve(f)));
        }
        assertThat(without.resolve("focus.csv")).doesNotExist();
    }

    private record Checked(long finalInvoices, long roundingRows, long amortizationRows, long wholeTerms,
                           List<Long> pieceSeconds) {
    }

    private static Checked runAndCheck(String name, String... period) throws Exception {
        Path out = tmp.resolve("out-" + name);
        List<String> args = new ArrayList<>(List.of("run", "--input=" + input, "--output=" + out, "--zone=" + ZONE,
                "--focus", "--provider-name=Example AI Cloud"));
        args.addAll(List.of(period));
        CliRun run = CliRun.billing(tmp.resolve("db-" + name), args.toArray(String[]::new));
        assertThat(run.exitCode).as(run.toString()).isZero();

        List<Map<String, String>> charges = read(out.resolve("charges.csv"));
        List<Map<String, String>> invoices = read(out.resolve("invoices.csv"));
        List<String> header = List.of(Files.readAllLines(out.resolve("focus.csv"), StandardCharsets.UTF_8).get(0)
                .split(","));
        assertThat(header).isEqualTo(COLUMNS);
        List<Map<String, String>> focus = read(out.resolve("focus.csv"));
        Instant periodStart = periodStart(period);
        Instant periodEnd = periodEnd(period, charges);

        Map<String, Map<String, String>> lines = new HashMap<>();
        charges.forEach(l -> lines.put(l.get("line_id"), l));
        Map<String, Map<String, String>> purchases = new HashMap<>();
        Map<String, BigDecimal> billedPerInvoice = new HashMap<>();
        Map<String, List<Map<String, String>>> amortizationPerTerm = new HashMap<>();
        long usageAndPurchaseRows = 0;
        long rounding = 0;
        List<Long> pieces = new ArrayList<>();
        for (Map<String, String> row : focus) {
            String kind = kind(row);
            checkValueRules(row, kind);
            if (!row.get("InvoiceId").isEmpty()) {
                billedPerInvoice.merge(row.get("InvoiceId"), new BigDecimal(row.get("BilledCost")), BigDecimal::add);
            }
            switch (kind) {
                case "U", "P" -> {
                    usageAndPurchaseRows++;
                    Map<String, String> line = lines.get(row.get("x_LineId"));
                    assertThat(line).as("charges.csv line of " + row).isNotNull();
                    matches(row, line, kind);
                    if (kind.equals("P")) {
                        purchases.put(row.get("x_LineId"), row);
                    }
                }
                case "A" -> {
                    amortizationPerTerm.computeIfAbsent(row.get("CommitmentDiscountId"), k -> new ArrayList<>()).add(row);
                    pieces.add(Duration.between(Instant.parse(row.get("ChargePeriodStart")),
                            Instant.parse(row.get("ChargePeriodEnd"))).getSeconds());
                }
                default -> rounding++;
            }
        }
        // every U and P row matches its line, and every line has one
        assertThat(usageAndPurchaseRows).isEqualTo(charges.size());

        // for each FINAL invoice the BilledCost of its rows adds up to its total_amount exactly
        long finals = 0;
        for (Map<String, String> invoice : invoices) {
            if (invoice.get("status").equals("FINAL")) {
                finals++;
                assertThat(billedPerInvoice.get(invoice.get("invoice_id"))).as(invoice.get("invoice_id"))
                        .isEqualByComparingTo(invoice.get("total_amount"));
            }
        }

        // a term wholly in the period: its A rows' EffectiveCost adds up to its purchase's BilledCost; and for every
        // term whose purchase is in the file, a day's Used and Unused quantities add up to nodes × the piece's seconds
        long whole = 0;
        for (Map.Entry<String, List<Map<String, String>>> term : amortizationPerTerm.entrySet()) {
            Map<String, String> purchase = purchases.get(term.getKey());
            if (purchase == null) {
                continue;   // bought in an earlier run's period
            }
            Instant start = Instant.parse(purchase.get("ChargePeriodStart"));
            Instant end = Instant.parse(purchase.get("ChargePeriodEnd"));
            long termSeconds = Duration.between(start, end).getSeconds();
            long nodes = Long.parseLong(purchase.get("CommitmentDiscountQuantity")) / termSeconds;
            Map<String, Long> perDay = new HashMap<>();
            Map<String, Long> daySeconds = new HashMap<>();
            for (Map<String, String> a : term.getValue()) {
                perDay.merge(a.get("ChargePeriodStart"), Long.parseLong(a.get("CommitmentDiscountQuantity")), Long::sum);
                daySeconds.put(a.get("ChargePeriodStart"), Duration.between(Instant.parse(a.get("ChargePeriodStart")),
                        Instant.parse(a.get("ChargePeriodEnd"))).getSeconds());
            }
            perDay.forEach((day, quantity) -> assertThat(quantity).as(term.getKey() + " on " + day)
                    .isEqualTo(nodes * daySeconds.get(day)));
            if (!start.isBefore(periodStart) && !end.isAfter(periodEnd)) {
                whole++;
                BigDecimal effective = term.getValue().stream().map(a -> new BigDecimal(a.get("EffectiveCost")))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(effective).as("A rows of " + term.getKey()).isEqualByComparingTo(purchase.get("BilledCost"));
            }
        }
        long amortization = amortizationPerTerm.values().stream().mapToLong(List::size).sum();
        return new Checked(finals, rounding, amortization, whole, pieces);
    }

    private static String kind(Map<String, String> row) {
        return switch (row.get("ChargeCategory")) {
            case "Purchase" -> "P";
            case "Adjustment" -> "R";
            default -> row.get("CommitmentDiscountStatus").isEmpty() ? "U" : "A";
        };
    }

    private static void checkValueRules(Map<String, String> row, String kind) {
        Set<String> nulls = switch (kind) {
            case "U" -> NULL_IN_U;
            case "P" -> NULL_IN_P;
            case "A" -> row.get("CommitmentDiscountStatus").equals("Used") ? NULL_IN_A
                    : union(NULL_IN_A, Set.of("ConsumedQuantity", "ConsumedUnit"));
            default -> NULL_IN_R;
        };
        for (String column : COLUMNS) {
            boolean isNull = row.get(column).isEmpty();
            boolean mayBeNull = ALWAYS_NULL.contains(column) || nulls.contains(column)
                    || column.equals("x_OrderId") && kind.equals("U") && row.get("ResourceType").equals("PUBLIC_POOL");
            assertThat(isNull).as(kind + " row, column " + column + ": " + row).isEqualTo(mayBeNull);
        }
        for (String column : DATES) {
            assertThat(row.get(column)).matches(UTC);
        }
        for (String column : DECIMALS) {
            if (!row.get(column).isEmpty()) {
                assertThat(row.get(column)).as(column).matches(DECIMAL);
            }
        }
        ALLOWED.forEach((column, values) -> {
            if (!row.get(column).isEmpty()) {
                assertThat(values).as(column).contains(row.get(column));
            }
        });
        assertThat(row.get("ProviderName")).isEqualTo("Example AI Cloud");
        if (kind.equals("U")) {
            // ListUnitPrice × PricingQuantity equals ListCost within 10⁻⁸ + 10⁻¹² × ListUnitPrice (SPEC §6)
            BigDecimal price = new BigDecimal(row.get("ListUnitPrice"));
            BigDecimal off = price.multiply(new BigDecimal(row.get("PricingQuantity")))
                    .subtract(new BigDecimal(row.get("ListCost"))).abs();
            assertThat(off).isLessThanOrEqualTo(new BigDecimal("1E-8").add(price.multiply(new BigDecimal("1E-12"))));
        }
    }

    private static void matches(Map<String, String> row, Map<String, String> line, String kind) {
        assertThat(row.get("BilledCost")).isEqualTo(line.get("amount"));
        assertThat(row.get("BillingAccountId")).isEqualTo(line.get("account_id"));
        assertThat(row.get("BillingCurrency")).isEqualTo(line.get("currency"));
        assertThat(row.get("InvoiceId")).isEqualTo(line.get("invoice_id"));
        assertThat(row.get("ResourceId")).isEqualTo(line.get("resource_id"));
        assertThat(row.get("ResourceType")).isEqualTo(line.get("resource_class"));
        assertThat(row.get("RegionId")).isEqualTo(line.get("region"));
        assertThat(row.get("SkuId")).isEqualTo(line.get("sku"));
        assertThat(row.get("ListUnitPrice")).isEqualTo(line.get("unit_price"));
        assertThat(row.get("x_OrderId")).isEqualTo(line.get("order_id"));
        assertThat(Instant.parse(row.get("ChargePeriodStart"))).isEqualTo(OffsetDateTime.parse(line.get("period_start")).toInstant());
        assertThat(Instant.parse(row.get("ChargePeriodEnd"))).isEqualTo(OffsetDateTime.parse(line.get("period_end")).toInstant());
        if (kind.equals("U")) {
            assertThat(line.get("charge_type")).isEqualTo("USAGE");
            assertThat(row.get("EffectiveCost")).isEqualTo(line.get("amount"));
            assertThat(Long.parseLong(row.get("ConsumedQuantity")))
                    .isEqualTo(Long.parseLong(line.get("nodes")) * Long.parseLong(line.get("duration")));
        } else {
            assertThat(line.get("charge_type")).isNotEqualTo("USAGE");
            assertThat(row.get("EffectiveCost")).isEqualTo("0");
            assertThat(row.get("CommitmentDiscountId")).isEqualTo(line.get("line_id"));
            assertThat(row.get("ChargeFrequency")).isEqualTo(line.get("charge_type").equals("AUTO_RENEWAL")
                    ? "Recurring" : "One-Time");
        }
    }

    private static Instant periodStart(String... period) {
        ZoneId zone = ZoneId.of(ZONE);
        if (period.length == 0) {
            return LocalDate.parse("2023-10-01").atStartOfDay(zone).toInstant();
        }
        String p = period[0].substring("--period=".length());
        return (p.length() == 7 ? LocalDate.parse(p + "-01") : LocalDate.parse(p)).atStartOfDay(zone).toInstant();
    }

    private static Instant periodEnd(String[] period, List<Map<String, String>> charges) {
        ZoneId zone = ZoneId.of(ZONE);
        if (period.length == 0) {
            return LocalDate.parse("2023-12-01").atStartOfDay(zone).toInstant();
        }
        String p = period[0].substring("--period=".length());
        return (p.length() == 7 ? LocalDate.parse(p + "-01").plusMonths(1) : LocalDate.parse(p).plusDays(1))
                .atStartOfDay(zone).toInstant();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Map<String, String>> read(Path file) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (CSVReaderHeaderAware csv = new CSVReaderHeaderAware(new FileReader(file.toFile(), StandardCharsets.UTF_8))) {
            for (Map<String, String> row = csv.readMap(); row != null; row = csv.readMap()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
