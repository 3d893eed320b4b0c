package com.computebilling.catalog;

public enum ChargeType { USAGE, SUBSCRIPTION, RENEWAL, AUTO_RENEWAL }
