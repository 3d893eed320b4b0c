package com.computebilling.report;

import com.computebilling.output.Columns;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code exceptions.csv} counted per code, with the first rows of each code in file order (source, line, code).
 *
 * @param codes most frequent first, then by code
 */
record FindingFigures(long rows, List<Code> codes) {

    /** @param severity {@code ERROR} or {@code WARNING} (both, joined, if a code ever had rows of each) */
    record Code(String code, String severity, long count, List<Row> first) {
    }

    record Row(String source, String line, String accountId, String resourceId, String orderId, String recordId,
               String detail) {
    }

    /**
     * A detail can quote a malformed row's value, which may be as long as the row: the page shows the start of it
     * (the file has all of it), so that a bad export cannot blow up the page.
     */
    static final int DETAIL_CHARS = 300;

    static FindingFigures read(Path file, int firstRows) throws IOException {
        Map<String, Tally> tallies = new TreeMap<>();
        long rows = 0;
        try (OutputCsv csv = new OutputCsv(file, Columns.EXCEPTIONS)) {
            int code = csv.column("code"), severity = csv.column("severity"), source = csv.column("source"),
                    line = csv.column("line"), account = csv.column("account_id"),
                    resource = csv.column("resource_id"), order = csv.column("order_id"),
                    record = csv.column("record_id"), detail = csv.column("detail");
            for (String[] r; (r = csv.next()) != null; ) {
                rows++;
                Tally t = tallies.computeIfAbsent(r[code], c -> new Tally());
                t.count++;
                t.severities.add(r[severity]);
                if (t.first.size() < firstRows) {
                    t.first.add(new Row(r[source], r[line], r[account], r[resource], r[order], r[record],
                            clip(r[detail])));
                }
            }
        }
        List<Code> codes = new ArrayList<>();
        tallies.forEach((c, t) -> codes.add(new Code(c, String.join("/", t.severities), t.count, List.copyOf(t.first))));
        codes.sort(Comparator.comparingLong(Code::count).reversed().thenComparing(Code::code));
        return new FindingFigures(rows, List.copyOf(codes));
    }

    private static String clip(String detail) {
        return detail.length() <= DETAIL_CHARS ? detail : detail.substring(0, DETAIL_CHARS) + "…";
    }

    private static final class Tally {
        long count;
        final TreeSet<String> severities = new TreeSet<>();
        final List<Row> first = new ArrayList<>();
    }
}
