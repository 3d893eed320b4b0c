package com.computebilling.workers;

import com.computebilling.digest.Sha256;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The message broker a run hands its partitions out through (SPEC §8): RabbitMQ, named by an AMQP URL such as
 * {@code amqp://guest:guest@127.0.0.1:5672}.
 */
public record Broker(URI uri) {

    /** How long a connection attempt may take before the broker counts as unreachable. */
    private static final int CONNECT_MILLIS = 5000;

    /** The broker of an AMQP URL; a URL that is not one is refused with the reason. */
    public static Broker of(String url) {
        try {
            URI uri = new URI(url);
            if (!"amqp".equals(uri.getScheme()) && !"amqps".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--broker must be an AMQP URL (amqp://USER:PASSWORD@HOST:PORT), was '"
                        + shown(url) + "'");
            }
            return new Broker(uri);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--broker must be an AMQP URL (amqp://USER:PASSWORD@HOST:PORT)", e);
        }
    }

    /** The URL without its user and password, for messages and logs. */
    public String shown() {
        return shown(uri.toString());
    }

    private static String shown(String url) {
        return url.replaceFirst("//[^@/]*@", "//");
    }

    /**
     * Opens and closes one connection: a broker that cannot be reached refuses the command before anything runs.
     *
     * @throws IllegalStateException saying why it cannot be reached
     */
    public void check() {
        com.rabbitmq.client.ConnectionFactory factory = new com.rabbitmq.client.ConnectionFactory();
        try {
            factory.setUri(uri);
            factory.setConnectionTimeout(CONNECT_MILLIS);
            factory.setHandshakeTimeout(CONNECT_MILLIS);
            factory.newConnection("billing-check").close();
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalStateException("cannot reach the broker at " + shown() + ": " + reason, e);
        }
    }

    CachingConnectionFactory connections() {
        CachingConnectionFactory factory = new CachingConnectionFactory(uri);
        factory.setConnectionTimeout(CONNECT_MILLIS);
        return factory;
    }

    /**
     * The queue of one database's partitions: a worker serves the database it was started on, so runs on different
     * databases through one broker never hand each other step executions they cannot find.
     */
    public static String queueOf(String databaseUrl) {
        return "billing.partitions." + Sha256.hex(databaseUrl, 6);
    }
}
