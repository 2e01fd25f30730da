package com.postr.command.order;

import com.postr.api.catalog.ProductDetailsChangedEvent;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.ProductVariantAddedEvent;
import com.postr.api.catalog.Sku;
import com.postr.api.catalog.VariantPriceChangedEvent;
import com.postr.api.common.Money;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Current prices and titles per SKU, for fixing them on new orders. The command side keeps its own copy rather
 * than asking the query side: the sides never depend on each other. It is a subscribing processor, written in
 * the transaction of the product's events, so it is never behind; handlers upsert, so a rebuild (replaying the
 * group through a tracking processor) is harmless.
 */
@Component
@ProcessingGroup(PriceList.PROCESSING_GROUP)
public class PriceList implements PriceLookup {

    public static final String PROCESSING_GROUP = "price-list";

    private final JdbcTemplate jdbc;

    PriceList(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<PricedSku> find(Sku sku) {
        return jdbc.query("select product_id, title, price_amount, currency, for_sale from price_list where sku = ?",
                (rs, n) -> new PricedSku(sku, new ProductId(rs.getString(1)), rs.getString(2),
                        new Money(rs.getBigDecimal(3).stripTrailingZeros(), rs.getString(4)),
                        rs.getBoolean(5)), sku.value()).stream().findFirst();
    }

    @EventHandler
    void on(ProductRegisteredEvent event) {
        event.variants().forEach(variant -> upsert(event.productId(), event.title(), variant));
    }

    @EventHandler
    void on(ProductVariantAddedEvent event) {
        var title = jdbc.query("select title from price_list where product_id = ? limit 1",
                (rs, n) -> rs.getString(1), event.productId().value()).stream().findFirst().orElse("");
        upsert(event.productId(), title, event.variant());
    }

    @EventHandler
    void on(VariantPriceChangedEvent event) {
        jdbc.update("update price_list set price_amount = ?, currency = ? where sku = ?",
                event.price().amount(), event.price().currency(), event.sku().value());
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event) {
        jdbc.update("update price_list set title = ? where product_id = ?", event.title(), event.productId().value());
    }

    @EventHandler
    void on(ProductDiscontinuedEvent event) {
        jdbc.update("update price_list set for_sale = false where product_id = ?", event.productId().value());
    }

    @ResetHandler
    void onReset() {
        jdbc.update("delete from price_list");
    }

    private void upsert(ProductId productId, String title, ProductVariant variant) {
        jdbc.update("""
                insert into price_list (sku, product_id, title, price_amount, currency, for_sale)
                values (?, ?, ?, ?, ?, true)
                on conflict (sku) do update set product_id = excluded.product_id, title = excluded.title,
                    price_amount = excluded.price_amount, currency = excluded.currency""",
                variant.sku().value(), productId.value(), title, variant.price().amount(), variant.price().currency());
    }
}
