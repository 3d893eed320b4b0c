package com.computebilling.orders;

/** Only PAID orders take effect; the others are counted and ignored. */
public enum OrderStatus { PAID, UNPAID, CANCELLED }
