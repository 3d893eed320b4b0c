package com.computebilling.job;

import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failure on purpose: a writer or tasklet armed with {@code failFrom(bean, n)} fails on its n-th call and every call
 * after (a fault-tolerant step would otherwise write the chunk item by item and carry on) until {@link #clear()}.
 * The failing call throws before it writes, so the chunk's transaction rolls back.
 */
@TestConfiguration
public class Faults {

    private static final Map<String, Integer> ARMED = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    public static void failFrom(String bean, int call) {
        CALLS.put(bean, new AtomicInteger());
        ARMED.put(bean, call);
    }

    public static void clear() {
        ARMED.clear();
        CALLS.clear();
    }

    static void check(String bean) {
        Integer from = ARMED.get(bean);
        if (from != null && CALLS.get(bean).incrementAndGet() >= from) {
            throw new IllegalStateException("injected failure in " + bean);
        }
    }

    @Bean
    static BeanPostProcessor faultInjector() {
        return new BeanPostProcessor() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!name.startsWith("scopedTarget.")) {
                    return bean;        // the step-scoped proxy stays; what it delegates to is wrapped
                }
                String plain = name.substring("scopedTarget.".length());
                if (bean instanceof ItemWriter writer && !(bean instanceof Tasklet)) {
                    return (ItemWriter) chunk -> {
                        check(plain);
                        writer.write(chunk);
                    };
                }
                if (bean instanceof Tasklet tasklet && !(bean instanceof ItemStream)) {
                    // (a load partition's tasklet is also its step's stream: its writer is what a test arms)
                    return (Tasklet) (contribution, context) -> {
                        check(plain);
                        return tasklet.execute(contribution, context);
                    };
                }
                return bean;
            }
        };
    }
}
