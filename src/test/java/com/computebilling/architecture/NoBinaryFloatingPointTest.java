package com.computebilling.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Money and node-seconds are never binary floating point, in a local variable either. ArchUnit sees fields,
 * parameters and results in the bytecode (DomainIsPlainJavaTest) but not the types of locals, so this reads the
 * sources: no {@code double}, {@code float} or their boxes outside comments and string literals.
 */
class NoBinaryFloatingPointTest {

    private static final Pattern FLOATING = Pattern.compile("\\b(double|float|Double|Float)\\b");

    @Test
    void no_main_source_names_a_binary_floating_point_type() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                found.addAll(floatingPointIn(f.toString(), Files.readString(f)));
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void the_check_finds_a_local_and_ignores_comments_and_strings() {
        String source = """
                class Probe {
                    /** a double-entry comment */
                    long total(long a) {
                        String s = "float";   // a Double in a comment
                        double rate = 0.5;
                        return a;
                    }
                }
                """;

        assertThat(floatingPointIn("Probe.java", source)).containsExactly("Probe.java:5: double");
    }

    /** Every floating-point type name in code, as "file:line: name". */
    static List<String> floatingPointIn(String file, String source) {
        String code = withoutCommentsAndStrings(source);
        List<String> found = new ArrayList<>();
        Matcher m = FLOATING.matcher(code);
        while (m.find()) {
            long line = code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            found.add(file + ":" + line + ": " + m.group());
        }
        return found;
    }

    /** Blanks comments, string and character literals and text blocks, keeping line breaks so lines still count. */
    private static String withoutCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = blank(s, i, end < 0 ? s.length() : end + 2, out);
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = blank(s, i, end < 0 ? s.length() : end + 3, out);
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char quote = s.charAt(i);
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != quote) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                i = blank(s, i, Math.min(s.length(), j + 1), out);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    private static int blank(String s, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
        return to;
    }
}
