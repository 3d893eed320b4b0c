package com.computebilling.job;

/**
 * The rows of a loading chunk that go into one staged pack: those of one rating bucket from one file. Every row of a
 * chunk looks its group up, so hashCode and equals are written out: a record's generated ones run through method
 * handles, several times slower until the compiler gets to them, and loading orders ends before it does (a twelfth
 * of the loading threads' samples went to them).
 */
record PackGroup(int bucket, String source) {

    @Override
    public int hashCode() {
        return 31 * bucket + source.hashCode();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackGroup g && bucket == g.bucket && source.equals(g.source);
    }
}
