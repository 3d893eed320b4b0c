package com.computebilling.job;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.stream.Stream;

/** A failure's chain of causes, walked the same way wherever the product looks for what went wrong. */
public final class Causes {

    private Causes() {
    }

    /**
     * The throwable and its causes, outermost first, each once: a cause seen before (a throwable that is its own
     * cause, or two that name each other, as some drivers' wrapped exceptions do) ends the chain.
     */
    public static Stream<Throwable> of(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Stream.iterate(failure, t -> t != null && seen.add(t), Throwable::getCause);
    }

    /** The innermost cause: usually the one whose message says what happened. */
    public static Throwable root(Throwable failure) {
        return of(failure).reduce((outer, inner) -> inner).orElse(failure);
    }
}
