package com.postr.query.order;

import com.postr.api.order.OrderStatus;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;

interface OrderViewRepository extends JpaRepository<OrderView, String> {

    @Query("""
            select count(o) from OrderView o
            where o.customerId = :customerId
              and (:status is null or o.status = :status)
              and (cast(:from as timestamp) is null or o.createdAt >= :from)
              and (cast(:to as timestamp) is null or o.createdAt < :to)
            """)
    long countMatching(String customerId, OrderStatus status, Instant from, Instant to);
}
