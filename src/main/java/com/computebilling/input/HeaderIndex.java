package com.computebilling.input;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Column positions by name: names are case-insensitive, in any order; extra columns are ignored. */
final class HeaderIndex {

    private final Map<String, Integer> positions = new HashMap<>();
    private final int width;

    public HeaderIndex(String[] header) {
        this.width = header.length;
        for (int i = 0; i < header.length; i++) {
            String name = header[i];
            // interned: the readers ask by the literal column names, which are interned too, so every row's lookups
            // match on the key's identity instead of comparing its characters
            positions.putIfAbsent(name.trim().toLowerCase(Locale.ROOT).intern(), i);
        }
    }

    public int width() {
        return width;
    }

    public List<String> missing(List<String> required) {
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            if (!positions.containsKey(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    /** The trimmed value of {@code column}, or "" when the column is absent. */
    public String value(String[] row, String column) {
        Integer i = positions.get(column);
        if (i == null || i >= row.length) {
            return "";
        }
        return row[i].trim();
    }
}
