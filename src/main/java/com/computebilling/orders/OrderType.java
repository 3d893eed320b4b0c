package com.computebilling.orders;

public enum OrderType { NEW, RENEW, CHANGE_TO_SUBSCRIPTION, RELEASE }
