package com.computebilling.cli;

import com.computebilling.job.StoredCharges;
import com.computebilling.postgres.PostgresSchema;
import com.computebilling.tools.GenerateData;
import com.computebilling.workers.Broker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.computebilling.cli.SameOutputs.assertSameOutputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * SPEC §8 against the real components: RabbitMQ on 127.0.0.1:5672 and PostgreSQL on 127.0.0.1:5432, the manager and
 * the workers as separate JVMs. Without RabbitMQ these tests are skipped with a printed reason ({@code .ci/run}, on this
 * project's machines, fails instead: BILLING_REQUIRE_RABBITMQ=1).
 */
class RemoteWorkersTest {

    static final String BROKER = System.getenv().getOrDefault("BILLING_TEST_BROKER", "amqp://guest:guest@127.0.0.1:5672");

    @TempDir
    static Path shared;
    static Path input;
    static Path reference;

    @TempDir
    Path tmp;

    PostgresSchema schema;
    final List<ChildJvm> children = new ArrayList<>();

    /** 300 resources of every class over three days, 20,000 usage rows (some malformed), billed once by one process. */
    @BeforeAll
    static void inputsAndAOneProcessRun() throws IOException {
        input = shared.resolve("input");
        GenerateData.generate(new GenerateData.Config(input, 300, 3, 7, LocalDate.parse("2023-04-29"), 20_000, 900));
        reference = shared.resolve("reference");
        CliRun one = CliRun.billing(shared.resolve("reference-db"), "run", "--input=" + input, "--output=" + reference);
        assertThat(one.exitCode).as(one.toString()).isZero();
    }

    @BeforeEach
    void brokerAndDatabase() {
        brokerOrSkip();
        schema = PostgresSchema.createOrSkip();
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (ChildJvm c : children) {
            if (c.process.isAlive()) {
                c.kill();
            }
        }
        if (schema != null) {
            deleteQueueOf(schema.url());
            schema.drop();
        }
    }

    /** Each test's database has a durable queue of its own on the broker: gone with the database. */
    private static void deleteQueueOf(String database) {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        try {
            factory.setUri(BROKER);
            try (com.rabbitmq.client.Connection c = factory.newConnection();
                 com.rabbitmq.client.Channel channel = c.createChannel()) {
                channel.queueDelete(Broker.queueOf(database));
            }
        } catch (Exception e) {
            System.err.println("could not delete the test's queue: " + e);
        }
    }

    @Test
    void a_manager_and_two_workers_write_the_bytes_of_one_process() throws Exception {
        ChildJvm first = worker();
        ChildJvm second = worker();

        ChildJvm manager = manager(tmp.resolve("out"));
        assertThat(manager.awaitExit()).as("manager\n%s", manager.log()).isZero();

        assertSameOutputs(reference, tmp.resolve("out"));
        assertEachChargeStoredOnce();
        // both workers ran partitions: loading ranges and rating buckets, 8 of them for each step
        assertThat(first.log()).contains("rateWorker:partition");
        assertThat(second.log()).contains("rateWorker:partition");
        CliRun history = CliRun.billing(null, "history", "--db=" + schema.url(), "--db-user=" + PostgresSchema.USER);
        assertThat(history.out).as("history names the workers").contains("WORKERS")
                .contains(name(first)).contains(name(second));
    }

    @Test
    void a_worker_killed_mid_partition_fails_the_run_and_the_same_command_resumes_it_on_another_worker()
            throws Exception {
        ChildJvm doomed = slowWorker();
        ChildJvm manager = manager(tmp.resolve("out"), "--worker-timeout=5");
        String running = "running on " + name(doomed);
        assertThat(manager.awaitLine(l -> l.contains("[loadUsageWorker:partition") && l.contains(running),
                "a range of usage.csv " + running, ChildJvm.PATIENCE)).as(manager.log()).isNotNull();
        doomed.kill();

        assertThat(manager.awaitExit()).as("manager of a dead worker\n%s", manager.log()).isEqualTo(1);
        assertThat(manager.log()).contains("made no progress for 5 s").contains(name(doomed))
                .contains("Run the same command again to resume it");

        ChildJvm rescuer = worker();
        ChildJvm again = manager(tmp.resolve("out"), "--worker-timeout=5");
        assertThat(again.awaitExit()).as("the same command\n%s", again.log()).isZero();
        assertThat(again.log()).contains("resumed run");
        assertThat(rescuer.log()).contains("rateWorker:partition");

        assertSameOutputs(reference, tmp.resolve("out"));
        assertEachChargeStoredOnce();
    }

    @Test
    void a_worker_started_after_the_run_began_takes_its_partitions() throws Exception {
        ChildJvm manager = manager(tmp.resolve("out"));
        assertThat(manager.awaitLine("waiting for a worker", ChildJvm.PATIENCE)).as(manager.log()).isNotNull();

        ChildJvm late = worker();
        assertThat(manager.awaitExit()).as("manager\n%s", manager.log()).isZero();
        assertThat(late.log()).contains("loadUsageWorker:partition").contains("rateWorker:partition");
        assertSameOutputs(reference, tmp.resolve("out"));
    }

    @Test
    void sigterm_on_a_worker_stops_its_partitions_at_a_chunk_boundary_and_the_run_resumes() throws Exception {
        // two rows a commit: a range of usage.csv takes seconds, so the signal, sent as the manager reports one running,
        // lands with chunks of it still to go (a signal during a partition's last chunk lets it complete, rightly)
        ChildJvm stopped = slowWorker();
        ChildJvm manager = manager(tmp.resolve("out"), "--worker-timeout=20");
        String running = "running on " + name(stopped);
        assertThat(manager.awaitLine(l -> l.contains("[loadUsageWorker:partition") && l.contains(running),
                "a range of usage.csv " + running, ChildJvm.PATIENCE)).as(manager.log()).isNotNull();
        stopped.terminate();
        assertThat(stopped.awaitExit()).as("worker stopped by SIGTERM\n%s", stopped.log()).isZero();
        assertThat(stopped.log()).contains("stopping: its partitions stop at their next chunk boundary")
                .contains(" stopped, ");
        assertThat(manager.awaitExit()).as(manager.log()).isEqualTo(1);

        worker();
        ChildJvm again = manager(tmp.resolve("out"));
        assertThat(again.awaitExit()).as(again.log()).isZero();
        assertSameOutputs(reference, tmp.resolve("out"));
        assertEachChargeStoredOnce();
    }

    /** Refusals need no broker and no database: the embedded database cannot be shared. */
    @Test
    void a_broker_with_the_embedded_database_is_refused() {
        CliRun r = CliRun.billing(tmp.resolve("db"), "run", "--input=input-samples", "--output=" + tmp.resolve("o"),
                "--broker=" + BROKER);
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err.lines()).hasSize(1).first().asString().contains("--broker needs").contains("PostgreSQL");
        assertThat(tmp.resolve("o")).doesNotExist();

        CliRun w = CliRun.billing(null, "worker", "--db=jdbc:h2:file:" + tmp.resolve("db2/billing"),
                "--broker=" + BROKER);
        assertThat(w.exitCode).as(w.toString()).isEqualTo(2);
    }

    @Test
    void a_broker_that_cannot_be_reached_is_refused_before_anything_runs() {
        String nowhere = "amqp://guest:guest@127.0.0.1:1";
        CliRun r = CliRun.billing(null, "run", "--input=input-samples", "--output=" + tmp.resolve("o"),
                "--db=" + schema.url(), "--db-user=" + PostgresSchema.USER, "--broker=" + nowhere);
        assertThat(r.exitCode).as(r.toString()).isEqualTo(2);
        assertThat(r.err.lines()).hasSize(1).first().asString().contains("cannot reach the broker at amqp://127.0.0.1:1")
                .doesNotContain("guest:guest");
        assertThat(tmp.resolve("o")).doesNotExist();
        CliRun w = CliRun.billing(null, "worker", "--db=" + schema.url(), "--db-user=" + PostgresSchema.USER,
                "--broker=" + nowhere);
        assertThat(w.exitCode).as(w.toString()).isEqualTo(2);
    }

    // ---- fixtures ------------------------------------------------------------------------------------------

    /** A worker with one consumer, so that two of them share the partitions visibly; started and serving. */
    private ChildJvm worker() throws IOException, InterruptedException {
        return worker(List.of());
    }

    /**
     * A worker committing every 2 rows and every resource: its partitions take long enough (several seconds a range)
     * that a signal sent when the manager reports one running lands inside it. With 20 rows a chunk a range took
     * about a second, as long as the manager's polling interval, and a kill could come just after the partition had
     * ended. Outputs do not depend on chunk sizes.
     */
    private ChildJvm slowWorker() throws IOException, InterruptedException {
        return worker(List.of("-Dbilling.chunk.rows=2", "-Dbilling.chunk.resources=1"));
    }

    private ChildJvm worker(List<String> jvm) throws IOException, InterruptedException {
        ChildJvm w = ChildJvm.start(jvm, List.of("worker", "--db=" + schema.url(), "--db-user=" + PostgresSchema.USER,
                "--broker=" + BROKER), Map.of("BILLING_RATE_PARTITIONS", "1", "BILLING_PROGRESS_SECONDS", "1"));
        children.add(w);
        assertThat(w.awaitLine("serving partitions", Duration.ofMinutes(1))).as("worker up\n%s", w.log()).isNotNull();
        return w;
    }

    private ChildJvm manager(Path output, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("run", "--input=" + input, "--output=" + output,
                "--db=" + schema.url(), "--db-user=" + PostgresSchema.USER, "--broker=" + BROKER));
        args.addAll(List.of(more));
        ChildJvm m = ChildJvm.start(args, Map.of("BILLING_PROGRESS_SECONDS", "1"));
        children.add(m);
        return m;
    }

    /** host:pid, as the worker's first line says. */
    private static String name(ChildJvm worker) {
        String first = worker.log().lines().filter(l -> l.contains("serving partitions")).findFirst().orElseThrow();
        return first.replaceFirst("^billing: worker (\\S+) serving.*$", "$1");
    }

    /** Every line of charges.csv stored once: no partition's work kept twice, however often it was started. */
    private void assertEachChargeStoredOnce() throws SQLException, IOException {
        long lines = Files.readAllLines(tmp.resolve("out").resolve("charges.csv")).size() - 1;
        List<String> ids;
        try (Connection c = schema.connect()) {
            ids = StoredCharges.lineIds(c, "TRUE");
        }
        assertThat(ids).hasSize((int) lines).doesNotHaveDuplicates();
    }

    private static void brokerOrSkip() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 5672), 2000);
        } catch (IOException e) {
            String reason = "RabbitMQ not reachable at 127.0.0.1:5672 (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("BILLING_REQUIRE_RABBITMQ"))) {
                fail(reason + " but BILLING_REQUIRE_RABBITMQ=1");
            }
            System.err.println("SKIPPED: " + reason);
            abort(reason);
        }
    }
}
