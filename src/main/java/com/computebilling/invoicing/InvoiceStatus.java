package com.computebilling.invoicing;

/** FINAL once a month run closed the month; DRAFT while day runs bring it to date. */
public enum InvoiceStatus { DRAFT, FINAL }
