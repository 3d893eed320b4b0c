package com.computebilling.timeline;

public enum ChargeType { USAGE, SUBSCRIPTION, RENEWAL, AUTO_RENEWAL }
