package com.computebilling.focus;

import com.computebilling.cli.CliRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The samples with {@code --focus}: {@code output-samples/focus.csv}, whose rows {@code output-samples/README.md}
 * works out by hand, and the pool's figures of that derivation asserted literally.
 */
class FocusSamplesTest {

    @TempDir
    static Path tmp;
    private static Path out;
    private static List<String> rows;

    @BeforeAll
    static void run() throws Exception {
        out = tmp.resolve("out");
        CliRun run = CliRun.billing(tmp.resolve("db"), "run", "--input=input-samples", "--output=" + out,
                "--period=2023-04", "--zone=Asia/Shanghai", "--focus");
        assertThat(run.exitCode).as(run.toString()).isZero();
        rows = Files.readAllLines(out.resolve("focus.csv"));
    }

    @Test
    void focusCsvIsTheGoldenFileAndTheOtherOutputsDoNotChange() throws Exception {
        assertThat(Files.readString(out.resolve("focus.csv")))
                .isEqualTo(Files.readString(Path.of("output-samples/focus.csv")));
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(out.resolve(f))).as(f).isEqualTo(Files.readString(Path.of("output-samples", f)));
        }
    }

    @Test
    void thePoolsTwoHoursAreUsageRowsOfTheirChargeLines() {
        // SPEC §1's seed example: 36.00 × 1 × 1844 ÷ 3600 = 18.44 in 15:00-16:00 (07:00Z), 1830 s = 18.30 in the next
        // hour; PricingQuantity 1844 ÷ 3600 = 0.51222… (12 places), 1830 ÷ 3600 = 0.508333333333
        assertThat(row("CL23cd6d175ea1556dc21f")).startsWith("18.44000000,pool-co,,CNY,2023-03-31T16:00:00Z,"
                + "2023-04-30T16:00:00Z,Usage,,").contains(",Usage-Based,2023-04-18T07:00:00Z,2023-04-18T08:00:00Z,"
                + ",,,,,,,1844,Node-Seconds,18.44000000,18.44000000,36.00,36.00,18.44000000,pool-co-202304-CNY,")
                .contains(",Standard,0.512222222222,Node-Hours,");
        assertThat(row("CL9acd1f5508a5c32c9b64")).contains(",2023-04-18T08:00:00Z,2023-04-18T09:00:00Z,")
                .contains(",1830,Node-Seconds,18.30000000,").contains(",0.508333333333,Node-Hours,");
    }

    @Test
    void theChangeToSubscriptionIsAPurchaseWithNoEffectiveCost() {
        // 9000.00 × 1 node × 1 month, charged at 16:30:30 (08:30:30Z) for 30 days = 2,592,000 node-seconds
        assertThat(row("CL9c2459e9627a1b3c33b9")).startsWith("9000.00000000,pool-co,,CNY,")
                .contains(",Purchase,,").contains(",One-Time,2023-04-18T08:30:30Z,2023-05-18T08:30:30Z,Usage,"
                        + "CL9c2459e9627a1b3c33b9,o-pool-1-chg,2592000,,Subscription,Node-Seconds,,,9000.00000000,"
                        + "9000.00000000,9000.00,9000.00,0,pool-co-202304-CNY,");
    }

    @Test
    void theTermIsSpreadOverTheRestOfAprilWithItsUtilization() {
        List<String> amortized = rows.stream().filter(r -> r.contains(",Usage,CL9c2459e9627a1b3c33b9,")
                && (r.contains(",Used,") || r.contains(",Unused,"))).toList();
        // 18 April: 26,970 s, 1,770 of them covered (the record runs to 17:00); 19-30 April: 12 whole unused days
        assertThat(amortized).hasSize(14);
        assertThat(amortized.get(0)).startsWith("0,pool-co,").contains(",2023-04-18T08:30:30Z,2023-04-18T16:00:00Z,")
                .contains(",1770,Used,").contains(",6.14583333,");
        assertThat(amortized.get(1)).contains(",25200,Unused,").contains(",87.50000000,");
        assertThat(amortized.subList(2, 14)).allSatisfy(r -> assertThat(r).contains(",86400,Unused,")
                .contains(",300.00000000,"));
        // April's part of the term: 93.64583333 + 12 × 300 = 3693.64583333 of 9000.00
        BigDecimal april = amortized.stream().map(r -> new BigDecimal(field(r, "EffectiveCost")))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(april).isEqualByComparingTo("3693.64583333");
    }

    @Test
    void focusAndItsProviderNameArePartOfARunsIdentity() throws Exception {
        Path db = tmp.resolve("db-identity");
        Path o = tmp.resolve("out-identity");
        String[] plain = {"run", "--input=input-samples", "--output=" + o, "--period=2023-04", "--zone=Asia/Shanghai"};
        assertThat(CliRun.billing(db, plain).exitCode).isZero();
        assertThat(o.resolve("focus.csv")).doesNotExist();
        // the same inputs with --focus: a new run, which adds the file
        assertThat(CliRun.billing(db, with(plain, "--focus")).exitCode).isZero();
        assertThat(o.resolve("focus.csv")).exists();
        assertThat(CliRun.billing(db, with(plain, "--focus")).exitCode).isEqualTo(3);
        // another provider name is another run: every row names it
        assertThat(CliRun.billing(db, with(plain, "--focus", "--provider-name=Example AI Cloud")).exitCode).isZero();
        assertThat(Files.readAllLines(o.resolve("focus.csv")).stream().skip(1))
                .allSatisfy(r -> assertThat(r).contains(",Example AI Cloud,Example AI Cloud,Example AI Cloud,"));
        // without --focus the name means nothing: refused
        assertThat(CliRun.billing(db, with(plain, "--provider-name=X")).exitCode).isEqualTo(2);
    }

    private static String[] with(String[] args, String... more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void noSampleInvoiceNeedsARoundingRow() {
        // every sample invoice's lines add up to its total (36.74 + 9000.00 = 9036.74 CNY, ...): no Adjustment rows
        assertThat(rows).noneMatch(r -> r.contains(",Adjustment,"));
    }

    /** The U or P row of a charge line: the one whose x_LineId is its id. */
    private static String row(String lineId) {
        return rows.stream().skip(1).filter(r -> field(r, "x_LineId").equals(lineId)).findFirst()
                .orElseThrow(() -> new AssertionError("no row of " + lineId));
    }

    /** A row's field by its header's column name (no sample field holds a comma, so a plain split is exact). */
    private static String field(String row, String column) {
        int index = List.of(rows.get(0).split(",", -1)).indexOf(column);
        assertThat(index).as("column %s in the header", column).isNotNegative();
        return row.split(",", -1)[index];
    }
}
