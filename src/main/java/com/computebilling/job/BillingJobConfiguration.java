package com.computebilling.job;

import com.computebilling.catalog.Catalog;
import com.computebilling.catalog.CatalogPrice;
import com.computebilling.focus.AmortizationRows;
import com.computebilling.focus.FocusRows;
import com.computebilling.input.CatalogRows;
import com.computebilling.input.CsvRecord;
import com.computebilling.input.InputKind;
import com.computebilling.input.OrderRows;
import com.computebilling.input.UsageRows;
import com.computebilling.orders.Order;
import com.computebilling.output.ChargeRows;
import com.computebilling.rating.ResourceBill;
import com.computebilling.rating.ResourceRater;
import com.computebilling.rating.ResourceWork;
import com.computebilling.time.BillingZone;
import com.computebilling.time.ProcessedPeriod;
import com.computebilling.usage.UsageRecord;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.step.builder.PartitionStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The billing job: stage the three inputs, plan the period, rate resource by resource, publish, write outputs.
 *
 * <pre>
 *  loadCatalog ─► loadOrders ─► loadUsage ─► plan ─► rate ─► checkBooks ─► publish ─► writeOutputs ─► cleanup
 *  (partitions of byte ranges, chunks     (tasklet) (partitions (every row   (one tx)  (atomic files)  (staging)
 *   of rows; bad rows skipped and                   of buckets,  staged or
 *   reported as MALFORMED_ROW)                      chunks of    rejected,
 *                                                   resources)   every staged
 *                                                                row rated)
 * </pre>
 *
 * Every step writes through the DataSource and transaction manager of the job repository, so a chunk's rows
 * commit together with its restart position. File paths and the run's identity come from job parameters.
 */
@Configuration
public class BillingJobConfiguration {

    /** The run's id: the job instance's, under which every staged and stored row of the run is kept. */
    private static final String RUN_ID = "#{stepExecution.jobExecution.jobInstance.instanceId}";
    /** A rating partition's buckets in its context, comma-separated. */
    private static final String BUCKETS = "buckets";
    private static final String ZONE = "#{jobParameters['" + JobKeys.ZONE + "']}";
    private static final String PERIOD = "#{jobParameters['" + JobKeys.PERIOD + "']}";
    private static final String INPUT_DIR = "#{jobParameters['" + JobKeys.INPUT_DIR + "']}";
    private static final String OUTPUT_DIR = "#{jobParameters['" + JobKeys.OUTPUT_DIR + "']}";
    private static final String FOCUS = "#{jobParameters['" + JobKeys.FOCUS + "']}";
    /**
     * The packed usage a rating partition holds at a time (32 MB): a bucket up to this size is read once; a larger one
     * (some 20 million rows and more in a run) is read in windows of consecutive resources ({@link BucketUsage}).
     */
    static final long USAGE_WINDOW_BYTES = 32L * 1024 * 1024;
    /** Rating partitions asked for; 0 (the default) means one per core. */
    public static final String RATE_PARTITIONS = "${billing.rate.partitions:0}";

    private final int rowChunk;
    private final int resourceChunk;

    /**
     * @param rowChunk      loading's commit interval in input rows. 10,000 rather than 2,000: a chunk stores one pack
     *                      per rating bucket, so five times the rows make a fifth of the packs, which rating merges
     *                      and plan and checkBooks scan (1,000,000 rows: 6 % less wall time; 10,000,000: 7 %); 20,000
     *                      gained nothing more and 40,000 lost 8 %
     * @param resourceChunk rating's commit interval in resources; 0: the database's own ({@link Database#ratingChunk})
     */
    public BillingJobConfiguration(@Value("${billing.chunk.rows:10000}") int rowChunk,
                                   @Value("${billing.chunk.resources:0}") int resourceChunk) {
        this.rowChunk = rowChunk;
        this.resourceChunk = resourceChunk;
    }

    @Bean
    public Job billingJob(JobRepository jobRepository, Step loadCatalog, Step loadOrders, Step loadUsage, Step plan,
                          Step rate, Step checkBooks, Step publish, Step writeInvoices, Step writeCharges,
                          Step writeOutputs,
                          Step cleanup,
                          ProgressReporter progress,
                          RunningExecutions running) {
        // Once the books have passed, charges.csv is copied (writeCharges) while the invoices are published: it needs
        // nothing publish decides, and it is the longest of the last steps; invoices.csv and exceptions.csv are written
        // (writeInvoices) once publish is done, while the copy goes on. writeOutputs moves all three into place after.
        Flow invoices = new FlowBuilder<SimpleFlow>("invoices").start(publish).next(writeInvoices).build();
        Flow charges = new FlowBuilder<SimpleFlow>("charges").start(writeCharges).build();
        Flow publishing = new FlowBuilder<SimpleFlow>("publishAndCopy")
                .split(new SimpleAsyncTaskExecutor("publishAndCopy-")).add(invoices, charges).build();
        return new JobBuilder(JobKeys.JOB, jobRepository)
                .listener(progress).listener(running)
                .flow(loadCatalog).next(loadOrders).next(loadUsage).next(plan).next(rate).next(checkBooks)
                .next(publishing).next(writeOutputs).next(cleanup).end()
                .build();
    }

    // ---- loadCatalog / loadOrders / loadUsage: CSV rows into staging tables, in partitions of byte ranges ----------

    @Bean
    public Step loadCatalog(JobRepository jobRepository, Step loadCatalogWorker, StagingStore staging,
                            ProgressReporter progress, ObjectProvider<RemotePartitions> remote,
                            @Value(RATE_PARTITIONS) int configuredPartitions) {
        return loadManager("loadCatalog", InputKind.CATALOG, jobRepository, loadCatalogWorker, staging, progress, remote.getIfAvailable(),
                configuredPartitions);
    }

    @Bean
    public Step loadOrders(JobRepository jobRepository, Step loadOrdersWorker, StagingStore staging,
                           ProgressReporter progress, ObjectProvider<RemotePartitions> remote,
                           @Value(RATE_PARTITIONS) int configuredPartitions) {
        return loadManager("loadOrders", InputKind.ORDERS, jobRepository, loadOrdersWorker, staging, progress, remote.getIfAvailable(),
                configuredPartitions);
    }

    @Bean
    public Step loadUsage(JobRepository jobRepository, Step loadUsageWorker, StagingStore staging,
                          ProgressReporter progress, ObjectProvider<RemotePartitions> remote,
                          @Value(RATE_PARTITIONS) int configuredPartitions) {
        return loadManager("loadUsage", InputKind.USAGE, jobRepository, loadUsageWorker, staging, progress, remote.getIfAvailable(),
                configuredPartitions);
    }

    /**
     * A load step hands its kind's files, cut into byte ranges ({@link LoadPartitioner}), to as many workers as rating
     * has, each range its own restartable step execution; once all are done, the kind's skip limit is checked over
     * them all ({@link SkipLimitCheck}).
     */
    private static Step loadManager(String name, InputKind kind, JobRepository jobRepository, Step worker,
                                    StagingStore staging, ProgressReporter progress, RemotePartitions remote,
                                    int configuredPartitions) {
        return partitioned(name, worker, new LoadPartitioner(kind),
                (runId, range) -> CsvRecordItemReader.discardLeftovers(staging, runId, kind, range), jobRepository,
                remote, configuredPartitions)
                .aggregator(new SkipLimitCheck(staging, kind))
                .listener(progress)
                .build();
    }

    /**
     * A partitioned step: its partitions run on this process's threads, one per worker, or with a broker on remote
     * workers ({@link RemotePartitions}). The partitions are the same either way, and so are the outputs.
     */
    private static PartitionStepBuilder partitioned(String name, Step worker, Partitioner partitioner,
                                                    Leftovers.OfPartition leftovers, JobRepository jobRepository,
                                                    RemotePartitions remote, int configuredPartitions) {
        int partitions = ratePartitions(configuredPartitions);
        // the partitions' contexts come from PartitionDefinitions, which also defines again one a crash left empty and
        // discards what a dead attempt left beyond each partition's position before any starts
        PartitionStepBuilder step = new PartitionStepBuilder(new StepBuilder(name, jobRepository))
                .splitter(new PartitionDefinitions(jobRepository, worker.getName(), partitioner, leftovers));
        if (remote != null) {
            return step.partitionHandler(remote.handler(worker, partitions));
        }
        SimpleAsyncTaskExecutor workers = new SimpleAsyncTaskExecutor(name + "-");
        workers.setConcurrencyLimit(partitions);
        return step.step(worker).gridSize(partitions).taskExecutor(workers);
    }

    @Bean
    public Step loadCatalogWorker(JobRepository jobRepository, PlatformTransactionManager tm,
                                  LoadRangeTasklet<CatalogPrice> catalogLoading, ProgressReporter progress) {
        return loadWorker("loadCatalogWorker", jobRepository, tm, catalogLoading, progress);
    }

    @Bean
    public Step loadOrdersWorker(JobRepository jobRepository, PlatformTransactionManager tm,
                                 LoadRangeTasklet<Order> ordersLoading, ProgressReporter progress) {
        return loadWorker("loadOrdersWorker", jobRepository, tm, ordersLoading, progress);
    }

    @Bean
    public Step loadUsageWorker(JobRepository jobRepository, PlatformTransactionManager tm,
                                LoadRangeTasklet<UsageRecord> usageLoading, ProgressReporter progress) {
        return loadWorker("loadUsageWorker", jobRepository, tm, usageLoading, progress);
    }

    /**
     * The three load workers differ only in their input kind: rows in, parsed, staged; bad rows reported, in chunks
     * of {@code billing.chunk.rows} that commit with the reader's position ({@link LoadRangeTasklet}).
     */
    private static Step loadWorker(String name, JobRepository jobRepository, PlatformTransactionManager tm,
                                   LoadRangeTasklet<?> loading, ProgressReporter progress) {
        TaskletStep step = new StepBuilder(name, jobRepository).tasklet(loading, tm)
                .stream(loading).listener((StepExecutionListener) progress)
                .build();
        step.setInterruptionPolicy(new InterruptionStopsTheStep());
        return step;
    }

    @Bean
    @StepScope
    public LoadRangeTasklet<CatalogPrice> catalogLoading(@Value("#{stepExecution}") StepExecution step,
                                                         StagingStore staging, @Value(ZONE) String zone,
                                                         ItemWriter<CatalogPrice> catalogWriter) {
        ZoneId z = ZoneId.of(zone);
        return loading(InputKind.CATALOG, step, staging, record -> CatalogRows.parse(record, z), catalogWriter);
    }

    @Bean
    @StepScope
    public LoadRangeTasklet<Order> ordersLoading(@Value("#{stepExecution}") StepExecution step,
                                                 StagingStore staging, @Value(ZONE) String zone,
                                                 ItemWriter<Order> ordersWriter) {
        ZoneId z = ZoneId.of(zone);
        return loading(InputKind.ORDERS, step, staging, record -> OrderRows.parse(record, z), ordersWriter);
    }

    @Bean
    @StepScope
    public LoadRangeTasklet<UsageRecord> usageLoading(@Value("#{stepExecution}") StepExecution step,
                                                      StagingStore staging, @Value(ZONE) String zone,
                                                      ItemWriter<UsageRecord> usageWriter) {
        ZoneId z = ZoneId.of(zone);
        return loading(InputKind.USAGE, step, staging, record -> UsageRows.parse(record, z), usageWriter);
    }

    /** A load partition: its range of one file, the kind's parser (MalformedRowException on a bad row), its writer. */
    private <T> LoadRangeTasklet<T> loading(InputKind kind, StepExecution step, StagingStore staging,
                                            Function<CsvRecord, T> parse, ItemWriter<T> writer) {
        long runId = step.getJobExecution().getJobInstance().getInstanceId();
        CsvRecordItemReader reader = new CsvRecordItemReader(kind, LoadRange.of(step.getExecutionContext()), staging,
                runId);
        return new LoadRangeTasklet<>(reader, parse, writer, staging, runId, rowChunk);
    }

    @Bean
    @StepScope
    public ItemWriter<CatalogPrice> catalogWriter(StagingStore staging, @Value(RUN_ID) long runId) {
        return chunk -> staging.insertCatalog(runId, chunk.getItems());
    }

    @Bean
    @StepScope
    public ItemWriter<Order> ordersWriter(StagingStore staging, @Value(RUN_ID) long runId) {
        return chunk -> staging.insertOrders(runId, chunk.getItems());
    }

    @Bean
    @StepScope
    public ItemWriter<UsageRecord> usageWriter(StagingStore staging, @Value(ZONE) String zone,
                                               @Value(RUN_ID) long runId) {
        BillingZone z = BillingZone.of(zone);
        return chunk -> staging.insertUsage(runId, z, chunk.getItems());
    }

    // ---- plan ----------------------------------------------------------------------------------------------

    @Bean
    public Step plan(JobRepository jobRepository, PlatformTransactionManager tm, Tasklet planTasklet,
                     ProgressReporter progress) {
        return taskletStep("plan", planTasklet, jobRepository, tm, progress);
    }

    @Bean
    @StepScope
    public Tasklet planTasklet(StagingStore staging, RunStore runStore,
                               @Value(PERIOD) String period,
                                   @Value(ZONE) String zone,
                                   @Value(RUN_ID) long runId) {
        return new PlanTasklet(staging, runStore, runId, period, BillingZone.of(zone));
    }

    /** A step of one transaction: its tasklet's writes and the step's completion commit together. */
    private static Step taskletStep(String name, Tasklet tasklet, JobRepository jobRepository,
                                    PlatformTransactionManager tm, ProgressReporter progress) {
        return new StepBuilder(name, jobRepository).tasklet(tasklet, tm).listener(progress).build();
    }

    // ---- rate: one resource at a time, in partitions of buckets -------------------------------------------

    /**
     * The manager step: splits the 64 resource buckets over {@code billing.rate.partitions} workers (default: one per
     * core) that rate in parallel, each in its own chunks and transactions. Outputs do not depend on the split: they
     * are written from the database in sorted order.
     */
    @Bean
    public Step rate(JobRepository jobRepository, Step rateWorker, ProgressReporter progress, ResultStore results,
                     ObjectProvider<RemotePartitions> remote,
                     @Value(RATE_PARTITIONS) int configuredPartitions) {
        Partitioner buckets = grid -> {
            Map<String, ExecutionContext> parts = new TreeMap<>();
            for (int p = 0; p < grid; p++) {
                ExecutionContext context = new ExecutionContext();
                context.putString(BUCKETS, RatingBuckets.ofPartition(p, grid).stream()
                        .map(String::valueOf).collect(Collectors.joining(",")));
                parts.put(String.format("partition%02d", p), context);
            }
            return parts;
        };
        return partitioned("rate", rateWorker, buckets,
                (runId, part) -> ResourceWorkReader.discardLeftovers(results, runId, bucketsOf(part.getString(BUCKETS)),
                        part), jobRepository, remote.getIfAvailable(), configuredPartitions)
                .listener(progress)
                .build();
    }

    /** A rating partition's buckets, as its context holds them. */
    private static List<Integer> bucketsOf(String buckets) {
        return Arrays.stream(buckets.split(",")).map(Integer::valueOf).toList();
    }

    /** The rating workers: as configured, else one per core. */
    public static int ratePartitions(int configured) {
        return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
    }

    /**
     * Connections the job can hold at once: a rating worker holds two (its reader's cursor and its chunk's
     * transaction), and the run lock, the repository's updates and the main thread one each.
     */
    public static int connectionsNeeded(int configuredPartitions) {
        return 2 * ratePartitions(configuredPartitions) + 3;
    }

    @Bean
    public Step rateWorker(JobRepository jobRepository, PlatformTransactionManager tm, ResourceGroups resourceReader,
                           ItemProcessor<List<ResourceWork>, List<RatedResource>> resourceProcessor,
                           ItemWriter<RatedResource> billWriter,
                           ProgressReporter progress) {
        // a chunk is one group of resources (ResourceGroups): billing.chunk.resources of them, fewer with much usage
        return new StepBuilder("rateWorker", jobRepository).<List<ResourceWork>, List<RatedResource>>chunk(1)
                .transactionManager(tm).listener((StepExecutionListener) progress)
                .reader(resourceReader).processor(resourceProcessor)
                .writer(ResourceGroups.all(billWriter))
                .interruptionPolicy(new InterruptionStopsTheStep())
                .build();
    }

    @Bean
    @StepScope
    public ResourceGroups resourceReader(DataSource dataSource, ConnectedDatabase database,
                                         @Value("#{stepExecutionContext['" + BUCKETS + "']}") String buckets,
                                         @Value(RUN_ID) long runId,
                                         @Value("${billing.rate.window-bytes:" + USAGE_WINDOW_BYTES + "}") long windowBytes,
                                         @Value("${billing.chunk.records:20000}") long maxRecords) {
        return new ResourceGroups(new ResourceWorkReader(dataSource, runId,
                bucketsOf(buckets), database.get().textOrder(), windowBytes),
                resourceChunk > 0 ? resourceChunk : database.get().ratingChunk(), maxRecords);
    }

    /**
     * A group's resources rated one by one. The step-scoped bean is the group's processor, not the resource's: a
     * step-scoped bean is a proxy that looks its target up in the step's scope at every call, and called once per
     * resource that lookup and its reflective call took about 5 % of the rating workers' time.
     */
    @Bean
    @StepScope
    public ItemProcessor<List<ResourceWork>, List<RatedResource>> resourceProcessor(StagingStore staging,
            RunStore runStore, @Value(RUN_ID) long runId, @Value(FOCUS) String provider) {
        Catalog catalog = new Catalog(staging.catalog(runId));
        ProcessedPeriod period = runStore.plan(runId).orElseThrow();
        ResourceRater rater = new ResourceRater(catalog, period);
        // With --focus, a resource's amortization rows are made here, where its terms and covered usage are known.
        AmortizationRows focus = provider == null || provider.isEmpty() ? null
                : new AmortizationRows(period, new FocusRows(period.zone(), catalog, provider));
        return ResourceGroups.each(work -> {
            ResourceBill bill = rater.bill(work);
            return RatedResource.of(work, bill, focus == null ? Map.of() : focus.of(bill));
        });
    }

    @Bean
    @StepScope
    public ItemWriter<RatedResource> billWriter(ResultStore results, @Value(ZONE) String zone,
                                               @Value(RUN_ID) long runId) {
        BillingZone z = BillingZone.of(zone);
        ChargeRows render = new ChargeRows(z);   // one per partition: each worker renders its own lines
        return chunk -> results.insertBills(runId, z, render, chunk.getItems());
    }

    // ---- checkBooks: every input row staged or rejected, every staged row rated --------------------------------

    @Bean
    public Step checkBooks(JobRepository jobRepository, PlatformTransactionManager tm, Tasklet checkBooksTasklet,
                     ProgressReporter progress) {
        return taskletStep("checkBooks", checkBooksTasklet, jobRepository, tm, progress);
    }

    @Bean
    @StepScope
    public Tasklet checkBooksTasklet(StagingStore staging, ResultStore results, RunStore runStore,
                                     PlatformTransactionManager tm,
                                     @Value(INPUT_DIR) String inputDir, @Value(RUN_ID) long runId) {
        TransactionTemplate own = new TransactionTemplate(tm);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return new CheckBooksTasklet(staging, results, runStore, runId, Path.of(inputDir), own);
    }

    // ---- publish, writeInvoices, writeCharges, writeOutputs, cleanup --------------------------------------------------------------------

    @Bean
    public Step publish(JobRepository jobRepository, PlatformTransactionManager tm, Tasklet publishTasklet,
                     ProgressReporter progress) {
        return taskletStep("publish", publishTasklet, jobRepository, tm, progress);
    }

    @Bean
    @StepScope
    public Tasklet publishTasklet(RunStore runStore, Ledger ledger,
                                         @Value(RUN_ID) long runId) {
        return new PublishTasklet(runStore, ledger, runId);
    }

    @Bean
    public Step writeInvoices(JobRepository jobRepository, PlatformTransactionManager tm, Tasklet writeInvoicesTasklet,
                              ProgressReporter progress) {
        return taskletStep(WriteInvoicesTasklet.STEP, writeInvoicesTasklet, jobRepository, tm, progress);
    }

    @Bean
    @StepScope
    public Tasklet writeInvoicesTasklet(ResultStore results, RunStore runStore, Ledger ledger,
                                        @Value(OUTPUT_DIR) String outputDir, @Value(RUN_ID) long runId) {
        return new WriteInvoicesTasklet(results, runStore, ledger, runId, Path.of(outputDir));
    }

    @Bean
    public Step writeCharges(JobRepository jobRepository, PlatformTransactionManager tm, Tasklet writeChargesTasklet,
                             ProgressReporter progress) {
        return taskletStep(WriteChargesTasklet.STEP, writeChargesTasklet, jobRepository, tm, progress);
    }

    @Bean
    @StepScope
    public Tasklet writeChargesTasklet(ResultStore results, RunStore runStore, @Value(OUTPUT_DIR) String outputDir,
                                       @Value(RUN_ID) long runId, @Value(FOCUS) String provider) {
        return new WriteChargesTasklet(results, runStore, runId, Path.of(outputDir),
                provider != null && !provider.isEmpty());
    }

    @Bean
    public Step writeOutputs(JobRepository jobRepository, PlatformTransactionManager tm, Tasklet writeOutputsTasklet,
                     ProgressReporter progress) {
        return taskletStep("writeOutputs", writeOutputsTasklet, jobRepository, tm, progress);
    }

    @Bean
    @StepScope
    public Tasklet writeOutputsTasklet(StagingStore staging, ResultStore results, RunStore runStore, Ledger ledger,
                                       @Value(OUTPUT_DIR) String outputDir,
                                       @Value(RUN_ID) long runId, Clock clock,
                                       @Value(FOCUS) String provider, JobRepository jobRepository) {
        return new WriteOutputsTasklet(staging, results, runStore, ledger, runId, Path.of(outputDir), clock,
                provider == null || provider.isEmpty() ? null : provider, jobRepository);
    }

    @Bean
    public Step cleanup(JobRepository jobRepository, PlatformTransactionManager tm, Tasklet cleanupTasklet,
                     ProgressReporter progress) {
        return taskletStep("cleanup", cleanupTasklet, jobRepository, tm, progress);
    }

    @Bean
    @StepScope
    public Tasklet cleanupTasklet(StagingStore staging,
                                         @Value(RUN_ID) long runId) {
        return new CleanupTasklet(staging, runId);
    }
}
