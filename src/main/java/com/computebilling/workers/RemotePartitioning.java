package com.computebilling.workers;

import com.computebilling.job.BillingJobConfiguration;
import com.computebilling.job.ProgressReporter;
import com.computebilling.job.RemotePartitions;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.messaging.MessageChannel;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;

/**
 * Remote partitioning over RabbitMQ (SPEC §8), active when the command names a broker ({@code billing.broker}). A
 * manager ({@code run --broker}) sends each partition of the loading and rating steps as a request to the database's
 * queue and follows the partitions in the shared job repository ({@link BrokerPartitionHandler}); a worker ({@code
 * billing worker}, {@code billing.worker=true}) takes requests and runs them ({@link PartitionServer}). Both are the
 * same application with the same step beans: a worker finds a partition's step by its name.
 */
@Configuration
@EnableIntegration
@ConditionalOnProperty("billing.broker")
class RemotePartitioning {

    static final String REQUESTS = "partitionRequests";

    @Bean
    CachingConnectionFactory brokerConnections(@Value("${billing.broker}") String url) {
        return Broker.of(url).connections();
    }

    /** One durable queue per database (see {@link Broker#queueOf}), declared by whichever side starts first. */
    @Bean
    Queue partitionQueue(@Value("${spring.datasource.url}") String database, CachingConnectionFactory connections) {
        Queue queue = new Queue(Broker.queueOf(database), true);
        new RabbitAdmin(connections).declareQueue(queue);
        return queue;
    }

    // ---- the manager ---------------------------------------------------------------------------------------

    @Bean(REQUESTS)
    MessageChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsToBroker(CachingConnectionFactory connections, Queue partitionQueue) {
        return IntegrationFlow.from(REQUESTS)
                .transform(StepExecutionRequest.class, PartitionRequests::text)
                .handle(Amqp.outboundAdapter(new RabbitTemplate(connections)).routingKey(partitionQueue.getName()))
                .get();
    }

    @Bean
    RemotePartitions remotePartitions(@Qualifier(REQUESTS) MessageChannel requests, JobRepository repository, Clock clock,
                                      @Value("${billing.worker-timeout-seconds:600}") long timeoutSeconds,
                                      @Value("${billing.progress.seconds:10}") String progressSeconds) {
        return (worker, gridSize) -> new BrokerPartitionHandler(worker.getName(), gridSize, requests, repository,
                Duration.ofSeconds(timeoutSeconds), ProgressReporter.interval(progressSeconds), System.err, clock);
    }

    // ---- a worker ------------------------------------------------------------------------------------------

    @Bean
    @ConditionalOnProperty(name = "billing.worker", havingValue = "true")
    PartitionServer partitionServer(IntegrationFlowContext flows, CachingConnectionFactory connections,
                                    Queue partitionQueue, JobRepository repository, BeanFactory beans,
                                    @Value(BillingJobConfiguration.RATE_PARTITIONS) int configured) {
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beans);
        return new PartitionServer(flows, connections, partitionQueue.getName(), repository, steps, workerName(),
                BillingJobConfiguration.ratePartitions(configured), System.err);
    }

    /** host:pid — what the manager's progress lines and {@code history} show. */
    static String workerName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
