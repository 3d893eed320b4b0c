package com.computebilling.usage;

public enum ResourceClass { GENERAL, LINGJUN, DEDICATED_POOL, PUBLIC_POOL }
