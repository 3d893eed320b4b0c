package com.computebilling.job;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The charges.csv texts a database holds, in both stored forms: a row each in charge_rows (runs before V20) and a
 * rated group's pieces in charge_row_groups. For tests that count what was stored, whatever the form.
 */
public final class StoredCharges {

    /** One stored text: its key, its line count as stored and its rows. */
    public record Text(long runId, int bucket, String accountId, String resourceId, int part, int lineCount,
                       String rows) {

        /** The line ids of its rows, in order. */
        public List<String> lineIds() {
            return rows.lines().map(l -> l.substring(0, l.indexOf(','))).toList();
        }
    }

    private StoredCharges() {
    }

    /** The texts of the runs {@code runCondition} selects (an SQL condition on {@code run_id}; "TRUE" for all). */
    public static List<Text> texts(Connection c, String runCondition) throws SQLException {
        List<Text> texts = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT run_id, bucket, account_id, resource_id, part, line_count,"
                    + " csv_rows, csv_packed FROM charge_rows WHERE " + runCondition)) {
                while (r.next()) {
                    texts.add(new Text(r.getLong(1), r.getInt(2), r.getString(3), r.getString(4), r.getInt(5),
                            r.getInt(6), PackedRows.text(r.getString(7), r.getBytes(8))));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT run_id, bucket, texts FROM charge_row_groups WHERE "
                    + runCondition)) {
                while (r.next()) {
                    byte[] piece = r.getBytes(3);
                    for (ChargeTextGroups.Entry e : ChargeTextGroups.entries(piece)) {
                        texts.add(new Text(r.getLong(1), r.getInt(2), e.accountId(), e.resourceId(), e.part(),
                                e.lineCount(), new String(ChargeTextGroups.utf8(piece, e), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        return texts;
    }

    /** The line ids of every stored text of those runs. */
    public static List<String> lineIds(Connection c, String runCondition) throws SQLException {
        return texts(c, runCondition).stream().flatMap(t -> t.lineIds().stream()).toList();
    }

    /** The line counts stored with those texts, summed. */
    public static long lineCount(Connection c, String runCondition) throws SQLException {
        return texts(c, runCondition).stream().mapToLong(Text::lineCount).sum();
    }

    /** A piece of one rated group's texts as rating stores it, for tests that plant one. */
    public static byte[] piece(String accountId, String resourceId, String rows) {
        return ChargeTextGroups.pack(List.of(new com.computebilling.output.ChargeRows.Part(accountId, resourceId, 0,
                (int) rows.lines().count(), rows, "")), ChargeTextGroups.PIECE_BYTES).get(0);
    }
}
