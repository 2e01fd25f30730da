package com.postr.query.cart;

import org.springframework.data.jpa.repository.JpaRepository;

interface CartViewRepository extends JpaRepository<CartView, String> {
}
