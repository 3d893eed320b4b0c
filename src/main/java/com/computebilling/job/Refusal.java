package com.computebilling.job;

/** A command refused before anything runs: one clear line on stderr, exit code 2. */
public class Refusal extends Exception {

    public Refusal(String message) {
        super(message);
    }
}
