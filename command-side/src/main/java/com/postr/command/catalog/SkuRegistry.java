package com.postr.command.catalog;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariantAddedEvent;
import com.postr.api.catalog.Sku;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.RejectionCode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Catalog-wide SKU uniqueness, which no single product aggregate can see. Commands are checked against the
 * {@code product_sku} table before they reach the aggregate ({@link SkuUniquenessInterceptor}); the rows are
 * written by a subscribing handler in the same transaction that appends the event, and the table's primary key
 * settles the race between two concurrent registrations of one SKU.
 */
@Component
@ProcessingGroup(SkuRegistry.PROCESSING_GROUP)
public class SkuRegistry implements KnownSkus {

    public static final String PROCESSING_GROUP = "sku-registry";

    private final JdbcTemplate jdbc;

    SkuRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isRegistered(Sku sku) {
        return ownerOf(sku).isPresent();
    }

    Optional<ProductId> ownerOf(Sku sku) {
        return jdbc.query("select product_id from product_sku where sku = ?",
                        (rs, n) -> new ProductId(rs.getString(1)), sku.value())
                .stream().findFirst();
    }

    void requireUnused(Collection<Sku> skus) {
        skus.forEach(sku -> requireUnusedByOthers(null, sku));
    }

    void requireUnusedByOthers(ProductId productId, Sku sku) {
        ownerOf(sku).filter(owner -> !owner.equals(productId)).ifPresent(owner -> {
            throw taken(sku, owner);
        });
    }

    @EventHandler
    void on(ProductRegisteredEvent event) {
        claim(event.productId(), event.variants().stream().map(v -> v.sku()).toList());
    }

    @EventHandler
    void on(ProductVariantAddedEvent event) {
        claim(event.productId(), List.of(event.variant().sku()));
    }

    private void claim(ProductId productId, List<Sku> skus) {
        for (var sku : skus) {
            // ON CONFLICT waits for a competing insert to commit, then skips ours; the transaction stays usable,
            // so the winner can be named. Throwing rolls the whole command back, events included.
            int inserted = jdbc.update("insert into product_sku (sku, product_id) values (?, ?) on conflict (sku) do nothing",
                    sku.value(), productId.value());
            if (inserted == 0) {
                var owner = ownerOf(sku);
                if (owner.isEmpty() || !owner.get().equals(productId)) {
                    throw taken(sku, owner.orElse(null));
                }
            }
        }
    }

    private static CommandRejectedException taken(Sku sku, ProductId owner) {
        return new CommandRejectedException(RejectionCode.DUPLICATE_SKU,
                "SKU " + sku + " is already used by another product",
                owner == null ? Map.of("sku", sku.value()) : Map.of("sku", sku.value(), "product_id", owner.value()));
    }
}
