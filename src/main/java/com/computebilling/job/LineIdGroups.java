package com.computebilling.job;

import com.computebilling.output.ChargeRows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The line ids of a rated group's stored charges.csv texts, kept with each text's key, in a few texts per group
 * rather than one row per text: a row per account and resource cost H2 two tree inserts and, at commit, two more
 * walks of its trees, for a text of 20-odd ids (see V18__results_per_group.sql). {@code explain} finds a line's
 * text by its id here, then reads that one text of charge_rows.
 *
 * <p>One line per stored text: account id, resource id and part, tab-separated, then a tab and the text's line ids,
 * space-separated. Identifiers may hold any character, so a backslash, tab, line feed or carriage return in them is
 * escaped; a raw tab or line break is then always a separator.
 */
final class LineIdGroups {

    /** Characters of one stored text at most: the column holds a million. */
    static final int TEXT_CHARS = 500_000;

    /** The key of a charge_rows text. */
    record Key(String accountId, String resourceId, int part) {
    }

    private LineIdGroups() {
    }

    /** The parts' keys and line ids, cut between lines into texts of at most {@code maxChars} where a line allows. */
    static List<String> texts(List<ChargeRows.Part> parts, int maxChars) {
        List<String> texts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        StringBuilder line = new StringBuilder();
        for (ChargeRows.Part p : parts) {
            if (p.lineIds().isEmpty()) {
                continue;   // an empty part holds FOCUS amortization rows only: no line to find
            }
            line.setLength(0);
            escape(p.accountId(), line).append('\t');
            escape(p.resourceId(), line).append('\t').append(p.part()).append('\t').append(p.lineIds()).append('\n');
            if (!text.isEmpty() && text.length() + line.length() > maxChars) {
                texts.add(text.toString());
                text.setLength(0);
            }
            text.append(line);
        }
        if (!text.isEmpty()) {
            texts.add(text.toString());
        }
        return texts;
    }

    /** The key of the text whose line ids hold {@code lineId}, if one does. */
    static Optional<Key> keyOf(String text, String lineId) {
        for (int at = text.indexOf(lineId); at >= 0; at = text.indexOf(lineId, at + 1)) {
            int start = text.lastIndexOf('\n', at) + 1;
            int end = text.indexOf('\n', at);
            String[] fields = text.substring(start, end < 0 ? text.length() : end).split("\t", -1);
            if (fields.length == 4 && List.of(fields[3].split(" ")).contains(lineId)) {
                return Optional.of(new Key(unescape(fields[0]), unescape(fields[1]), Integer.parseInt(fields[2])));
            }
        }
        return Optional.empty();
    }

    private static StringBuilder escape(String id, StringBuilder to) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            switch (c) {
                case '\\' -> to.append("\\\\");
                case '\t' -> to.append("\\t");
                case '\n' -> to.append("\\n");
                case '\r' -> to.append("\\r");
                default -> to.append(c);
            }
        }
        return to;
    }

    private static String unescape(String escaped) {
        StringBuilder id = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                char next = escaped.charAt(++i);
                id.append(switch (next) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                id.append(c);
            }
        }
        return id.toString();
    }
}
