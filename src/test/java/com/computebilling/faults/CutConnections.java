package com.computebilling.faults;

import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loses the database connection on purpose at an exact moment of a step: while the step's execution context is being
 * updated inside chunk {@code n}'s transaction, or at that transaction's commit. On PostgreSQL the connection's backend
 * is terminated by the server ({@code pg_terminate_backend}, what a server restart or failover does to a session), so
 * the statement or the commit fails as a real loss does; on H2 the statement or commit throws a connection-class
 * {@link SQLException} (state 08006) instead, and the pool discards the connection.
 * <p>
 * Only the first matching moment fires; {@link #fired()} tells whether it did, so a test cannot pass without its fault.
 */
@TestConfiguration
public class CutConnections {

    public enum Moment { CONTEXT_UPDATE, COMMIT }

    private static volatile String step;
    private static volatile Moment moment;
    private static volatile int chunk;
    private static volatile String adminUrl;
    private static volatile String adminUser;
    private static final AtomicInteger updates = new AtomicInteger();
    private static volatile boolean fired;

    /** Arms one cut: in {@code stepName} (a partition's name, e.g. {@code rateWorker:partition00}, or a step's). */
    public static void arm(String stepName, Moment when, int nthChunk) {
        updates.set(0);
        fired = false;
        chunk = nthChunk;
        moment = when;
        step = stepName;
    }

    /** Where to terminate PostgreSQL backends from; unset, a cut is an injected exception. */
    public static void postgres(String url, String user) {
        adminUrl = url;
        adminUser = user;
    }

    public static void disarm() {
        step = null;
    }

    public static boolean fired() {
        return fired;
    }

    @Bean
    static BeanPostProcessor connectionCutter() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof DataSource ds && name.equals("dataSource")) {
                    return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                            (proxy, method, args) -> {
                                Object result = invoke(ds, method, args);
                                return result instanceof Connection c ? cutting(c) : result;
                            });
                }
                return bean;
            }
        };
    }

    private static Connection cutting(Connection real) {
        boolean[] contextUpdated = {false};   // this transaction updated the armed step's context at chunk n
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    String m = method.getName();
                    if ((m.equals("prepareStatement") || m.equals("prepareCall")) && args != null
                            && args[0] instanceof String sql && isContextUpdate(sql) && inArmedStep()
                            && updates.incrementAndGet() == chunk) {
                        if (moment == Moment.CONTEXT_UPDATE) {
                            cut(real, "update of the step execution context");
                        } else {
                            contextUpdated[0] = true;
                        }
                    }
                    if (m.equals("commit") && contextUpdated[0]) {
                        contextUpdated[0] = false;
                        cut(real, "commit");
                    }
                    if (m.equals("rollback") || m.equals("close")) {
                        contextUpdated[0] = false;
                    }
                    return invoke(real, method, args);
                });
    }

    private static boolean isContextUpdate(String sql) {
        String s = sql.toUpperCase(Locale.ROOT);
        return s.contains("UPDATE") && s.contains("BATCH_STEP_EXECUTION_CONTEXT");
    }

    private static boolean inArmedStep() {
        StepContext context = StepSynchronizationManager.getContext();
        return step != null && !fired && context != null && step.equals(context.getStepName());
    }

    private static void cut(Connection real, String where) throws SQLException {
        fired = true;
        step = null;
        if (adminUrl == null) {
            throw new SQLException("injected: connection lost at the " + where, "08006");
        }
        int pid;
        try (Statement s = real.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        try (Connection admin = DriverManager.getConnection(adminUrl, adminUser, "");
             Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + pid + ")");
            // The server ends the session asynchronously: wait until it is gone, so the next call surely fails.
            for (int i = 0; i < 100; i++) {
                try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_stat_activity WHERE pid = " + pid)) {
                    if (!rs.next()) {
                        break;
                    }
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        // The real call that follows now fails the way a lost session does.
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
