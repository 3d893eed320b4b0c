package com.computebilling.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scripts/nightly} picks yesterday in the billing zone, reads its settings (environment wins), passes the job's
 * exit code through and never runs twice at once. The billing command is replaced by a recorder (BILLING_CMD) so the
 * script's own logic is what is tested; the job itself is tested elsewhere.
 */
class NightlyScriptTest {

    @TempDir
    Path tmp;

    private Path recorder(String body) throws IOException {
        return recorder("billing-recorder", body);
    }

    /** A billing command of its own file: rewriting a script that bash is still running changes what it runs. */
    private Path recorder(String name, String body) throws IOException {
        Path cmd = tmp.resolve(name);
        Files.writeString(cmd, "#!/usr/bin/env bash\necho \"$@\" >> " + tmp.resolve("calls") + "\n" + body + "\n");
        Files.setPosixFilePermissions(cmd, PosixFilePermissions.fromString("rwxr-xr-x"));
        return cmd;
    }

    private Process nightly(Path cmd, Map<String, String> env) throws IOException {
        Path settings = tmp.resolve("billing.conf");
        Files.writeString(settings, """
                # nightly settings
                BILLING_INPUT=/srv/exports
                BILLING_OUTPUT=%s
                BILLING_ZONE=Asia/Shanghai
                BILLING_LOG=%s
                BILLING_LOCK=%s
                """.formatted(tmp.resolve("out"), tmp.resolve("nightly.log"), tmp.resolve("nightly.lock")));
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/nightly").redirectErrorStream(true);
        pb.environment().put("BILLING_SETTINGS", settings.toString());
        pb.environment().put("BILLING_CMD", cmd.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    private int exit(Process p) throws InterruptedException {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private List<String> calls() throws IOException {
        return Files.readAllLines(tmp.resolve("calls"));
    }

    @Test
    void half_past_midnight_in_shanghai_bills_the_shanghai_day_that_just_ended() throws Exception {
        // 2023-04-19T00:30+08:00 is 2023-04-18T16:30Z: in UTC "yesterday" would be 04-17, in Shanghai it is 04-18
        Process p = nightly(recorder("exit 0"), Map.of("BILLING_NOW", "2023-04-19T00:30:00+08:00"));
        assertThat(exit(p)).isZero();
        assertThat(calls()).singleElement().asString()
                .contains("run --input=/srv/exports --output=" + tmp.resolve("out/2023-04-18"))
                .contains("--period=2023-04-18 --zone=Asia/Shanghai");
        assertThat(Files.readString(tmp.resolve("nightly.log"))).contains("nightly billing for 2023-04-18");
    }

    @Test
    void just_before_midnight_it_is_still_the_day_before() throws Exception {
        Process p = nightly(recorder("exit 0"), Map.of("BILLING_NOW", "2023-04-18T23:59:59+08:00"));
        assertThat(exit(p)).isZero();
        assertThat(calls()).singleElement().asString().contains("--period=2023-04-17");
    }

    @Test
    void the_environment_wins_over_the_settings_file() throws Exception {
        Process p = nightly(recorder("exit 0"), Map.of("BILLING_NOW", "2023-04-19T00:30:00+08:00", "BILLING_ZONE", "UTC"));
        assertThat(exit(p)).isZero();
        assertThat(calls()).singleElement().asString().contains("--period=2023-04-17 --zone=UTC");
    }

    @Test
    void its_exit_code_is_the_jobs() throws Exception {
        Process p = nightly(recorder("echo 'billing: run 4 failed'; exit 1"), Map.of("BILLING_NOW", "2023-04-19T00:30:00+08:00"));
        String printed = new String(p.getInputStream().readAllBytes());
        assertThat(exit(p)).isEqualTo(1);
        assertThat(printed).contains("failed with exit code 1").contains("billing: run 4 failed");
    }

    @Test
    void a_second_copy_does_not_start_while_the_first_runs() throws Exception {
        // the first copy's job runs until the test lets it go, however slow the machine
        Path release = tmp.resolve("release");
        Process first = nightly(recorder("billing-holding", "while [ ! -e " + release + " ]; do sleep 0.05; done; exit 0"),
                Map.of("BILLING_NOW", "2023-04-19T00:30:00+08:00"));
        try {
            for (int i = 0; i < 600 && !Files.exists(tmp.resolve("calls")); i++) {
                Thread.sleep(50);
            }
            assertThat(tmp.resolve("calls")).as("the first copy started its job within 30 s").exists();
            Process second = nightly(recorder("billing-second", "exit 0"),
                    Map.of("BILLING_NOW", "2023-04-19T00:30:00+08:00"));
            String printed = new String(second.getInputStream().readAllBytes());
            assertThat(exit(second)).isEqualTo(75);
            assertThat(printed).contains("another nightly run");
        } finally {
            // let the first copy go whatever happened above: a failed assertion must not leave it waiting for ever
            if (!Files.exists(release)) {
                Files.createFile(release);
            }
        }
        assertThat(exit(first)).isZero();
        assertThat(calls()).hasSize(1);
    }
}
