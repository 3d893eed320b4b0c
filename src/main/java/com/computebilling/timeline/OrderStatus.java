package com.computebilling.timeline;

/** Only PAID orders take effect; the others are counted and ignored. */
public enum OrderStatus { PAID, UNPAID, CANCELLED }
