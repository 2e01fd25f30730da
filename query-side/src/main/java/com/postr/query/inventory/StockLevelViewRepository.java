package com.postr.query.inventory;

import org.springframework.data.jpa.repository.JpaRepository;

interface StockLevelViewRepository extends JpaRepository<StockLevelView, String> {
}
