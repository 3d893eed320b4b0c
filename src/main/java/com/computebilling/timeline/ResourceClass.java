package com.computebilling.timeline;

public enum ResourceClass { GENERAL, LINGJUN, DEDICATED_POOL, PUBLIC_POOL }
