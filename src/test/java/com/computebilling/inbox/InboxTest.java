package com.computebilling.inbox;

import com.computebilling.BillingApplication;
import com.computebilling.job.JobKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPEC §5 "File drop" with a real inbox: drops are taken once they hold {@code _READY}, one at a time in order of
 * arrival; results go to OUTPUT/name; done drops move to .archive/, bad ones to .error/ with error.txt.
 */
@SpringBootTest(classes = BillingApplication.class)
class InboxTest {

    @TempDir
    static Path tmp;
    static Path inbox;
    static Path output;

    @DynamicPropertySource
    static void inbox(DynamicPropertyRegistry registry) throws IOException {
        inbox = tmp.resolve("inbox");
        output = tmp.resolve("out");
        // arrival order is the order _READY appeared: 'late-good' is named first but arrives last
        drop("late-good", "period=2023-04-18\nzone=Asia/Shanghai\n", Instant.parse("2024-01-01T00:00:03Z"));
        drop("early-good", "period=2023-04\nzone=Asia/Shanghai\n", Instant.parse("2024-01-01T00:00:01Z"));
        Path bad = drop("middle-bad", "", Instant.parse("2024-01-01T00:00:02Z"));
        try (Stream<Path> usage = Files.list(bad)) {
            for (Path f : usage.filter(p -> p.getFileName().toString().startsWith("usage")).toList()) {
                Files.delete(f);
            }
        }
        Path pending = drop("not-ready", null, null);
        assertThat(pending.resolve(Drop.READY)).doesNotExist();
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:inbox;DB_CLOSE_DELAY=-1");
        registry.add("billing.inbox", inbox::toString);
        registry.add("billing.inbox.output", output::toString);
        registry.add("billing.inbox.poll-millis", () -> "100");
    }

    private static Path drop(String name, String ready, Instant readyAt) throws IOException {
        Path dir = inbox.resolve(name);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(Path.of("input-samples"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        if (ready != null) {
            Files.writeString(dir.resolve(Drop.READY), ready);
            Files.setLastModifiedTime(dir.resolve(Drop.READY), FileTime.from(readyAt));
        }
        return dir;
    }

    @Autowired
    JobRepository repository;

    @BeforeEach
    void waitForTheThreeReadyDrops() throws InterruptedException {
        Path archive = inbox.resolve(".archive");
        Path error = inbox.resolve(".error");
        for (int i = 0; i < 300; i++) {
            if (Files.isDirectory(archive.resolve("late-good")) && Files.isDirectory(error.resolve("middle-bad"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the inbox did not settle its three drops within 30 s: .archive holds "
                + Arrays.toString(archive.toFile().list()) + ", .error holds " + Arrays.toString(error.toFile().list()));
    }

    @Test
    void good_drops_are_billed_and_archived() throws IOException {
        assertThat(inbox.resolve(".archive/early-good")).isDirectory();
        assertThat(inbox.resolve(".archive/late-good")).isDirectory();
        assertThat(inbox.resolve("early-good")).doesNotExist();
        // the month drop gives the golden outputs; the day drop (04-18) the pool's three lines
        for (String f : List.of("charges.csv", "invoices.csv", "exceptions.csv", "summary.json")) {
            assertThat(Files.readString(output.resolve("early-good").resolve(f))).as(f)
                    .isEqualTo(Files.readString(Path.of("output-samples", f)));
        }
        assertThat(Files.readAllLines(output.resolve("late-good/charges.csv"))).hasSize(1 + 3);
    }

    @Test
    void a_bad_drop_goes_to_error_with_the_reason() throws IOException {
        assertThat(inbox.resolve(".error/middle-bad")).isDirectory();
        assertThat(Files.readString(inbox.resolve(".error/middle-bad/error.txt"))).contains("no usage*.csv file");
        assertThat(output.resolve("middle-bad")).doesNotExist();
    }

    @Test
    void a_drop_without_ready_is_left_alone() {
        assertThat(inbox.resolve("not-ready")).isDirectory();
        assertThat(inbox.resolve("not-ready/usage.csv")).exists();
        assertThat(output.resolve("not-ready")).doesNotExist();
    }

    @Test
    void drops_run_in_order_of_arrival() {
        List<String> launched = repository.findJobInstances(JobKeys.JOB).stream()
                .sorted(Comparator.comparingLong(JobInstance::getInstanceId))
                .map(i -> repository.getLastJobExecution(i).getJobParameters().getString(JobKeys.INPUT_DIR))
                .map(p -> Path.of(p).getFileName().toString())
                .toList();
        assertThat(launched.subList(0, 2)).containsExactly("early-good", "late-good");
    }

    @Test
    void a_name_dropped_again_after_its_drop_was_settled_is_taken_again() throws Exception {
        Path first = drop("again", null, null);
        try (Stream<Path> usage = Files.list(first)) {
            for (Path f : usage.filter(p -> p.getFileName().toString().startsWith("usage")).toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(first.resolve(Drop.READY), "");
        awaitDirectory(inbox.resolve(".error/again"));

        drop("again", "", Instant.parse("2024-01-01T00:00:05Z"));   // the same name, complete this time
        awaitDirectory(inbox.resolve(".archive/again"));
        assertThat(output.resolve("again/summary.json")).exists();
        assertThat(inbox.resolve("again")).doesNotExist();
    }

    private static void awaitDirectory(Path dir) throws InterruptedException {
        for (int i = 0; i < 300 && !Files.isDirectory(dir); i++) {
            Thread.sleep(100);
        }
        assertThat(dir).isDirectory();
    }
}
