package com.computebilling.report;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The samples' report opened in a real browser: headless Chromium loads it from a file with networking off, and the
 * page must load without a single console message (the page has no script, so any message is a fault: an invalid
 * SVG attribute, a blocked resource) and show the totals. Where Chromium is not installed the test is skipped with
 * the reason — except when BILLING_REQUIRE_CHROMIUM=1 (as .ci/run sets), where that is a failure.
 * BILLING_TEST_CHROMIUM names another browser binary.
 */
class ReportInChromiumTest {

    private static final long TIMEOUT_SECONDS = 90;

    @TempDir
    static Path work;
    static Path chromium;

    @BeforeAll
    static void findChromium() {
        String named = System.getenv("BILLING_TEST_CHROMIUM");
        chromium = named != null ? (Files.isExecutable(Path.of(named)) ? Path.of(named) : null) : onPath("chromium");
        if (chromium == null) {
            String reason = named != null ? "BILLING_TEST_CHROMIUM=" + named + " is not an executable"
                    : "chromium is not installed (looked in /usr/bin and on PATH)";
            if ("1".equals(System.getenv("BILLING_REQUIRE_CHROMIUM"))) {
                fail(reason + " but BILLING_REQUIRE_CHROMIUM=1");
            }
            System.err.println("SKIPPED: " + reason);
            Assumptions.abort(reason);
        }
    }

    @Test
    void the_samples_report_loads_without_console_messages_and_shows_the_totals() throws Exception {
        Path page = work.resolve("samples").resolve(RunReport.FILE);
        Files.createDirectories(page.getParent());
        Files.writeString(page, RunReport.render(Path.of("output-samples"), HandMadeOutputs.FACTS),
                StandardCharsets.UTF_8);

        Loaded loaded = load(page);

        assertThat(loaded.consoleMessages()).as("console messages of %s", page).isEmpty();
        // the DOM as Chromium built it: the three invoice totals (48,056.13 USD, 3,142,570 JPY, 9,036.74 CNY),
        // the node-second input (78,944) and the six buckets' chart
        assertThat(loaded.dom()).contains("<div class=\"total\">48056.13</div>", "<div class=\"total\">3142570</div>",
                "<div class=\"total\">9036.74</div>", "<td>input</td><td class=\"num\">78944</td>",
                "aria-label=\"Node-seconds per bucket\"", "aria-label=\"Charges per day in JPY\"");
    }

    /** The check above can fail: a page with a script error and an invalid SVG length is caught. */
    @Test
    void a_page_with_a_script_error_or_an_invalid_chart_is_caught() throws Exception {
        Path page = work.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>broken</title></head><body>"
                + "<svg viewBox=\"0 0 10 10\"><rect width=\"5\" height=\"-3\"/></svg>"
                + "<script>notAFunction();</script></body></html>", StandardCharsets.UTF_8);

        Loaded loaded = load(page);

        assertThat(loaded.consoleMessages()).anySatisfy(m -> assertThat(m).contains("notAFunction is not defined"))
                .anySatisfy(m -> assertThat(m).contains("A negative value is not valid"));
    }

    /** @param consoleMessages the browser's log lines that carry the page's console output */
    record Loaded(String dom, List<String> consoleMessages) {
    }

    /**
     * {@code --dump-dom} prints the DOM once the page has loaded; {@code --enable-logging=stderr} copies the page's
     * console to stderr as {@code ...:INFO:CONSOLE...] "message", source: file:///... (line)}.
     */
    private static Loaded load(Path page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        Path stdout = work.resolve(page.getFileName() + ".dom"), stderr = work.resolve(page.getFileName() + ".log");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--dump-dom",
                page.toUri().toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s on " + page);
        }
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("chromium exit code; its log:\n%s", log).isZero();
        List<String> console = new ArrayList<>();
        for (String line : log.split("\n")) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        return new Loaded(Files.readString(stdout, StandardCharsets.UTF_8), console);
    }

    private static Path onPath(String name) {
        List<String> dirs = new ArrayList<>(List.of("/usr/bin"));
        dirs.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        for (String dir : dirs) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
