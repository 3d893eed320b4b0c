package com.computebilling.rating;

import com.computebilling.orders.Order;
import com.computebilling.usage.UsageRecord;

import java.util.List;

/**
 * Everything known about one resource: its orders (all statuses), the rows that repeated an earlier
 * {@code order_id} (dropped, but reported), and its usage records.
 */
public record ResourceWork(String resourceId, List<Order> orders, List<Order> duplicates, List<UsageRecord> usage) {
}
