package com.computebilling.cli;

/** The process exit codes of the contract. */
enum ExitCode {
    COMPLETED(0), FAILED(1), REFUSED(2), ALREADY_PROCESSED(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
