package com.computebilling.timeline;

public enum OrderType { NEW, RENEW, CHANGE_TO_SUBSCRIPTION, RELEASE }
