package com.computebilling.job;

import java.util.stream.Stream;

/** A failure's chain of causes, walked the same way wherever the product looks for what went wrong. */
public final class Causes {

    private Causes() {
    }

    /** The throwable and its causes, outermost first; a cause that is its own cause ends the chain. */
    public static Stream<Throwable> of(Throwable failure) {
        return Stream.iterate(failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
    }

    /** The innermost cause: usually the one whose message says what happened. */
    public static Throwable root(Throwable failure) {
        return of(failure).reduce((outer, inner) -> inner).orElse(failure);
    }
}
