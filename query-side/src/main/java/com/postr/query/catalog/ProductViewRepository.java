package com.postr.query.catalog;

import com.postr.api.catalog.ProductStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ProductViewRepository extends JpaRepository<ProductView, String> {

    @Query("""
            select p from ProductView p
            where (:status is null or p.status = :status)
              and (:category is null or p.category = :category)
              and (:artist is null or p.artist = :artist)
            """)
    Page<ProductView> search(ProductStatus status, String category, String artist, Pageable pageable);
}
