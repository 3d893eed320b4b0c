package com.computebilling.job;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/** How days and months are keyed in the store (as yyyymmdd and yyyymm integers), and small SQL text helpers. */
final class StoreKeys {

    private StoreKeys() {
    }

    static int dayKey(LocalDate d) {
        return d.getYear() * 10000 + d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    static int monthKey(YearMonth m) {
        return m.getYear() * 100 + m.getMonthValue();
    }

    static YearMonth month(int key) {
        return YearMonth.of(key / 100, key % 100);
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static String placeholders(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }

    /** At most 31 day keys, as literals: a constant IN list is a hash lookup per row on every database. */
    static String literals(List<Integer> keys) {
        return keys.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
