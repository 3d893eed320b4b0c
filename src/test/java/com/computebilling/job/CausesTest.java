package com.computebilling.job;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTest {

    @Test
    void theRootIsTheInnermostCause() {
        IllegalStateException root = new IllegalStateException("disk full");
        RuntimeException failure = new RuntimeException("step failed", new IllegalArgumentException("chunk", root));
        assertThat(Causes.of(failure)).hasSize(3).last().isSameAs(root);
        assertThat(Causes.root(failure)).isSameAs(root);
    }

    @Test
    void aThrowableWithoutCauseIsItsOwnRoot() {
        RuntimeException alone = new RuntimeException("alone");
        assertThat(Causes.root(alone)).isSameAs(alone);
    }

    @Test
    void aCauseThatIsItsOwnCauseEndsTheChain() {
        Exception looping = new Exception("looping") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        assertThat(Causes.of(new RuntimeException("outer", looping))).hasSize(2);
    }

    @Test
    void twoCausesThatNameEachOtherEndTheChainInsteadOfLoopingForever() {
        Exception first = new Exception("first");
        Exception second = new Exception("second", first);
        first.initCause(second);
        RuntimeException failure = new RuntimeException("outer", first);

        assertThat(Causes.of(failure)).containsExactly(failure, first, second);
        assertThat(Causes.root(failure)).isSameAs(second);
    }
}
