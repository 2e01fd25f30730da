package com.postr.query.order;

import org.springframework.data.jpa.repository.JpaRepository;

interface OrderPaymentViewRepository extends JpaRepository<OrderPaymentView, String> {
}
