package com.computebilling.findings;

/** ERROR: money was not billed, or billed on a guess. WARNING: billed correctly, but worth a look. */
public enum Severity { ERROR, WARNING }
