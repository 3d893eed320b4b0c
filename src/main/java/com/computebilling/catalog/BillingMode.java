package com.computebilling.catalog;

public enum BillingMode { SUBSCRIPTION, PAY_AS_YOU_GO }
