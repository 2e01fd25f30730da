package com.postr.query.catalog;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductResponse;
import com.postr.api.catalog.ProductStatus;
import com.postr.api.catalog.ProductVariant;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "catalog_product")
class ProductView {

    @Id
    private String productId;
    private String title;
    private String artist;
    private String description;
    private String category;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> tags = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> colors = new ArrayList<>();
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    private List<ProductVariant> variants = new ArrayList<>();
    @Enumerated(EnumType.STRING)
    private ProductStatus status;
    private String discontinuedReason;
    private long version;
    private Instant createdAt;
    private Instant updatedAt;

    protected ProductView() {
    }

    ProductView(String productId, long version, Instant createdAt) {
        this.productId = productId;
        this.version = version;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.status = ProductStatus.ACTIVE;
    }

    /** Handlers apply an event only if it is newer than what the view has seen, so replays change nothing. */
    boolean isNewerThanView(long sequenceNumber) {
        return sequenceNumber > version;
    }

    void touch(long sequenceNumber, Instant at) {
        this.version = sequenceNumber;
        this.updatedAt = at;
    }

    void describe(String title, String artist, String description, String category, List<String> tags,
                  List<String> colors) {
        this.title = title;
        this.artist = artist;
        this.description = description;
        this.category = category;
        this.tags = new ArrayList<>(tags);
        this.colors = new ArrayList<>(colors);
    }

    void replaceVariants(List<ProductVariant> variants) {
        this.variants = new ArrayList<>(variants);
    }

    List<ProductVariant> variants() {
        return variants;
    }

    void discontinue(String reason) {
        this.status = ProductStatus.DISCONTINUED;
        this.discontinuedReason = reason;
    }

    ProductResponse toResponse() {
        return new ProductResponse(new ProductId(productId), title, artist, description, category, List.copyOf(tags),
                List.copyOf(colors), List.copyOf(variants), status, discontinuedReason, version, createdAt, updatedAt);
    }
}
