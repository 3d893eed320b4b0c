package com.computebilling.job;

import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.input.CatalogRows;
import com.computebilling.input.CsvFileReader;
import com.computebilling.input.CsvRecord;
import com.computebilling.input.InputDirectory;
import com.computebilling.input.InputKind;
import com.computebilling.input.MalformedRowException;
import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that refuses a run before it starts (exit 2): a bad zone or period, a missing input kind, a file
 * without its required columns, overlapping catalog prices. Nothing is written when any of these fails.
 */
public final class RunPreflight {

    private RunPreflight() {
    }

    public static String zone(String text) throws Refusal {
        try {
            return ZoneId.of(text).getId();
        } catch (DateTimeException e) {
            throw new Refusal("unknown zone '" + text + "' (use a region id such as UTC or Asia/Shanghai)");
        }
    }

    public static RunRequest check(Path input, Path output, String period, String zoneId, boolean rerun, long skipLimit)
            throws Refusal {
        BillingZone zone = BillingZone.of(zone(zoneId));
        if (period != null && ProcessedPeriod.parse(period, zone).isEmpty()) {
            throw new Refusal("impossible period '" + period + "' (expected YYYY-MM or YYYY-MM-DD)");
        }
        if (!Files.isDirectory(input)) {
            throw new Refusal("input directory " + input + " does not exist");
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new Refusal("output " + output + " is not a directory");
        }
        try {
            InputDirectory dir = new InputDirectory(input);
            List<String> problems = dir.problems();
            if (!problems.isEmpty()) {
                throw new Refusal(problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1)
                        + " more problem(s))" : ""));
            }
            List<String> overlaps = Catalog.overlaps(readableCatalog(dir, zone.id()));
            if (!overlaps.isEmpty()) {
                throw new Refusal(overlaps.get(0) + (overlaps.size() > 1 ? " (and " + (overlaps.size() - 1)
                        + " more overlap(s))" : ""));
            }
            return new RunRequest(input, output, period, zone.id().getId(), dir.digest(), rerun, skipLimit);
        } catch (IOException e) {
            throw new Refusal("cannot read input directory " + input + ": " + e.getMessage());
        }
    }

    /** The catalog rows that parse; malformed ones are the job's to report, not a reason to refuse. */
    private static List<CatalogPrice> readableCatalog(InputDirectory dir, ZoneId zone) throws IOException {
        List<CatalogPrice> prices = new ArrayList<>();
        for (Path file : dir.files(InputKind.CATALOG)) {
            try (CsvFileReader reader = new CsvFileReader(InputKind.CATALOG, file)) {
                for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
                    try {
                        prices.add(CatalogRows.parse(r, zone));
                    } catch (MalformedRowException ignored) {
                        // reported as MALFORMED_ROW by the job
                    }
                }
            }
        }
        return prices;
    }
}
