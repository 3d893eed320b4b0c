package com.computebilling.tools;

import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.input.CatalogRows;
import com.computebilling.input.CsvFileReader;
import com.computebilling.input.CsvRecord;
import com.computebilling.input.InputKind;
import com.computebilling.input.MalformedRowException;
import com.computebilling.input.OrderRows;
import com.computebilling.input.UsageRows;
import com.computebilling.usage.ResourceClass;
import com.computebilling.usage.UsageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateDataTest {

    private static final List<String> FILES = List.of("catalog.csv", "orders.csv", "usage.csv");

    @TempDir
    Path tmp;

    private static GenerateData.Config config(Path dir, long seed, long usageRows) {
        return new GenerateData.Config(dir, 60, 3, seed, LocalDate.parse("2023-04-29"), usageRows, 900);
    }

    @Test
    void same_seed_gives_identical_bytes() throws IOException {
        GenerateData.generate(config(tmp.resolve("a"), 42, -1));
        GenerateData.generate(config(tmp.resolve("b"), 42, -1));
        for (String f : FILES) {
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f)))
                    .as(f).isEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(f)));
        }
    }

    @Test
    void a_different_seed_gives_different_files() throws IOException {
        GenerateData.generate(config(tmp.resolve("a"), 42, -1));
        GenerateData.generate(config(tmp.resolve("b"), 43, -1));
        for (String f : List.of("orders.csv", "usage.csv")) {
            assertThat(Files.readAllBytes(tmp.resolve("b").resolve(f)))
                    .as(f).isNotEqualTo(Files.readAllBytes(tmp.resolve("a").resolve(f)));
        }
    }

    @Test
    void usage_rows_gives_exactly_that_many_data_rows() throws IOException {
        for (long rows : new long[] {0, 1, 59, 12_345}) {
            Path dir = tmp.resolve("rows-" + rows);
            GenerateData.Counts counts = GenerateData.generate(config(dir, 7, rows));
            assertThat(counts.usageRows()).isEqualTo(rows);
            try (var lines = Files.lines(dir.resolve("usage.csv"))) {
                assertThat(lines.count()).as("header + rows").isEqualTo(rows + 1);
            }
        }
    }

    @Test
    void every_file_has_the_required_header_columns() throws IOException {
        GenerateData.generate(config(tmp, 1, -1));
        for (InputKind kind : InputKind.values()) {
            Path file = tmp.resolve(kind.pattern().replace("*", ""));
            String header = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            List<String> columns = Arrays.stream(header.split(",")).map(c -> c.toLowerCase(Locale.ROOT)).toList();
            assertThat(columns).as(file.getFileName().toString()).containsAll(kind.requiredColumns());
        }
    }

    @Test
    void malformed_rows_are_a_small_but_nonzero_share_and_every_other_row_reads() throws IOException {
        GenerateData.Counts counts = GenerateData.generate(config(tmp, 5, 50_000));
        long malformed = 0;
        long read = 0;
        Set<ResourceClass> classes = EnumSet.noneOf(ResourceClass.class);
        Set<String> regions = new TreeSet<>();
        try (CsvFileReader reader = new CsvFileReader(InputKind.USAGE, tmp.resolve("usage.csv"))) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                read++;
                try {
                    UsageRecord u = UsageRows.parse(r, ZoneOffset.UTC);
                    assertThat(u.quantity()).isBetween(1, 8);
                    classes.add(u.resourceClass());
                    regions.add(u.region());
                } catch (MalformedRowException e) {
                    malformed++;
                }
            }
        }
        assertThat(read).isEqualTo(50_000);
        assertThat(malformed).isEqualTo(counts.malformedUsageRows()).isPositive().isLessThanOrEqualTo(read / 200);
        assertThat(classes).containsExactlyInAnyOrder(ResourceClass.values());
        assertThat(regions).hasSizeGreaterThan(3);
    }

    @Test
    void catalog_reads_without_overlaps_and_orders_read_but_the_one_bad_row() throws IOException {
        GenerateData.generate(config(tmp, 9, -1));
        List<CatalogPrice> prices = new ArrayList<>();
        try (CsvFileReader reader = new CsvFileReader(InputKind.CATALOG, tmp.resolve("catalog.csv"))) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                prices.add(CatalogRows.parse(r, ZoneOffset.UTC));
            }
        }
        assertThat(Catalog.overlaps(prices)).isEmpty();
        assertThat(prices).extracting(p -> p.currency().getCurrencyCode()).contains("USD", "CNY", "JPY");
        long bad = 0;
        try (CsvFileReader reader = new CsvFileReader(InputKind.ORDERS, tmp.resolve("orders.csv"))) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                try {
                    OrderRows.parse(r, ZoneOffset.UTC);
                } catch (MalformedRowException e) {
                    bad++;
                }
            }
        }
        assertThat(bad).isEqualTo(1);
    }

    @Test
    void bad_arguments_are_refused_with_exit_code_2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(GenerateData.run(new String[] {"--output=" + tmp, "--resources=5"}, out, errStream)).isEqualTo(2);
        assertThat(GenerateData.run(new String[] {"--output=" + tmp, "--resources=5", "--days=1", "--seed=1",
                "--start=2023-04-01", "--colour=red"}, out, errStream)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --colour");
        assertThat(GenerateData.run(new String[] {"--output=" + tmp, "--resources=5", "--days=1", "--seed=1",
                "--start=2023-04-01"}, out, errStream)).isZero();
    }

    @Test
    void payg_mix_gives_pay_as_you_go_lingjun_nodes_only() throws IOException {
        GenerateData.Counts counts = GenerateData.generate(new GenerateData.Config(tmp, 40, 2, 5,
                LocalDate.parse("2023-04-29"), 2_000, 900, true));
        assertThat(counts.resourcesByClass()).containsExactly(0, 40, 0, 0);
        try (CsvFileReader reader = new CsvFileReader(InputKind.ORDERS, tmp.resolve("orders.csv"))) {
            for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                try {
                    assertThat(OrderRows.parse(r, ZoneOffset.UTC).billingMode().name()).isEqualTo("PAY_AS_YOU_GO");
                } catch (MalformedRowException e) {
                    // the one deliberately malformed order row
                }
            }
        }
    }
}
