package com.postr.command.catalog;

import com.postr.api.catalog.AddProductVariantCommand;
import com.postr.api.catalog.ChangeProductDetailsCommand;
import com.postr.api.catalog.ChangeVariantPriceCommand;
import com.postr.api.catalog.DiscontinueProductCommand;
import com.postr.api.catalog.ProductDetails;
import com.postr.api.catalog.ProductDetailsChangedEvent;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.ProductVariantAddedEvent;
import com.postr.api.catalog.RegisterProductCommand;
import com.postr.api.catalog.Sku;
import com.postr.api.catalog.VariantPriceChangedEvent;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.command.pricing.PricingPolicy;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static com.postr.api.common.RejectionCode.DUPLICATE_SKU;
import static com.postr.api.common.RejectionCode.PRODUCT_DISCONTINUED;
import static com.postr.api.common.RejectionCode.UNSUPPORTED_CURRENCY;
import static com.postr.api.common.RejectionCode.UNKNOWN_VARIANT;
import static com.postr.api.common.RejectionCode.VALIDATION_ERROR;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A poster in the catalog and its sellable variants. Command handlers that change an existing product return the
 * aggregate version after the change, which the HTTP edge uses to wait for the read model.
 */
@Aggregate
class Product {

    static final int MAX_VARIANTS = 32;

    /** The id's value: plain strings survive untyped serialization (deadline scopes), records do not. */
    @AggregateIdentifier
    private String id;
    private ProductId productId;
    private ProductDetails details;
    private final Map<Sku, ProductVariant> variants = new HashMap<>();
    private boolean discontinued;

    protected Product() {
        // for Axon
    }

    @CommandHandler
    Product(RegisterProductCommand command, PricingPolicy pricing) {
        requireValidDetails(command.details());
        if (command.variants() == null || command.variants().isEmpty()) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A product needs at least one variant");
        }
        if (command.variants().size() > MAX_VARIANTS) {
            throw new CommandRejectedException(VALIDATION_ERROR,
                    "A product has at most " + MAX_VARIANTS + " variants");
        }
        var seen = new HashSet<Sku>();
        var seenForms = new HashSet<List<Object>>();
        for (var variant : command.variants()) {
            requireValidVariant(variant, pricing);
            if (!seen.add(variant.sku())) {
                throw duplicateSku(variant.sku(), "appears twice in this product");
            }
            if (!seenForms.add(formOf(variant))) {
                throw sameForm(variant);
            }
        }
        var d = command.details();
        apply(new ProductRegisteredEvent(command.productId(), d.title(), d.artist(), d.description(), d.category(),
                d.tags(), d.colors(), List.copyOf(command.variants())));
    }

    @CommandHandler
    long handle(ChangeProductDetailsCommand command) {
        requireActive();
        var d = new ProductDetails(
                or(command.title(), details.title()), or(command.artist(), details.artist()),
                or(command.description(), details.description()), or(command.category(), details.category()),
                or(command.tags(), details.tags()), or(command.colors(), details.colors()));
        requireValidDetails(d);
        if (!d.equals(details)) { // same details again: an idempotent no-op
            apply(new ProductDetailsChangedEvent(productId, d.title(), d.artist(), d.description(), d.category(),
                    d.tags(), d.colors()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(ChangeVariantPriceCommand command, PricingPolicy pricing) {
        requireActive();
        var variant = variants.get(command.sku());
        if (variant == null) {
            throw new CommandRejectedException(UNKNOWN_VARIANT,
                    "Product " + productId + " has no variant " + command.sku(), Map.of("sku", command.sku().value()));
        }
        requireValidPrice(command.price(), pricing);
        if (!variant.price().equals(command.price())) { // same price again: an idempotent no-op
            apply(new VariantPriceChangedEvent(productId, command.sku(), variant.price(), command.price()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(AddProductVariantCommand command, PricingPolicy pricing) {
        requireActive();
        var variant = command.variant();
        requireValidVariant(variant, pricing);
        if (variants.containsKey(variant.sku())) {
            throw duplicateSku(variant.sku(), "already belongs to this product");
        }
        if (variants.values().stream().anyMatch(existing -> formOf(existing).equals(formOf(variant)))) {
            throw sameForm(variant);
        }
        if (variants.size() >= MAX_VARIANTS) {
            throw new CommandRejectedException(VALIDATION_ERROR,
                    "A product has at most " + MAX_VARIANTS + " variants");
        }
        apply(new ProductVariantAddedEvent(productId, variant));
        return getVersion();
    }

    /** Discontinuing twice is a no-op: the product is in the state the caller asked for. */
    @CommandHandler
    long handle(DiscontinueProductCommand command) {
        if (!discontinued) {
            apply(new ProductDiscontinuedEvent(productId, command.reason()));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(ProductRegisteredEvent event) {
        id = event.productId().value();
        productId = event.productId();
        details = new ProductDetails(event.title(), event.artist(), event.description(), event.category(),
                event.tags(), event.colors());
        event.variants().forEach(variant -> variants.put(variant.sku(), variant));
    }

    @EventSourcingHandler
    void on(ProductDetailsChangedEvent event) {
        details = new ProductDetails(event.title(), event.artist(), event.description(), event.category(),
                event.tags(), event.colors());
    }

    @EventSourcingHandler
    void on(VariantPriceChangedEvent event) {
        var variant = variants.get(event.sku());
        variants.put(event.sku(), new ProductVariant(variant.sku(), variant.size(), variant.framed(), variant.paper(),
                event.price()));
    }

    @EventSourcingHandler
    void on(ProductVariantAddedEvent event) {
        variants.put(event.variant().sku(), event.variant());
    }

    @EventSourcingHandler
    void on(ProductDiscontinuedEvent event) {
        discontinued = true;
    }

    private void requireActive() {
        if (discontinued) {
            throw new CommandRejectedException(PRODUCT_DISCONTINUED,
                    "Product " + productId + " is discontinued and cannot be changed",
                    Map.of("product_id", productId.value()));
        }
    }

    private static void requireValidDetails(ProductDetails details) {
        if (details == null || isBlank(details.title()) || isBlank(details.artist()) || isBlank(details.category())) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A product needs a title, an artist and a category");
        }
    }

    private static void requireValidVariant(ProductVariant variant, PricingPolicy pricing) {
        if (variant == null || variant.sku() == null || variant.size() == null || variant.paper() == null) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A variant needs a SKU, a size and a paper finish");
        }
        if (!variant.sku().value().matches(Sku.PATTERN)) {
            throw new CommandRejectedException(VALIDATION_ERROR, "SKU '" + variant.sku() + "' is not well-formed",
                    Map.of("sku", variant.sku().value(), "pattern", Sku.PATTERN));
        }
        requireValidPrice(variant.price(), pricing);
    }

    /** A price in another currency could never be ordered (orders are priced in the shop's one currency). */
    private static void requireValidPrice(Money price, PricingPolicy pricing) {
        if (price == null || price.signum() <= 0) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A price must be greater than zero");
        }
        if (!price.currency().equals(pricing.currency())) {
            throw new CommandRejectedException(UNSUPPORTED_CURRENCY, "This shop sells in " + pricing.currency()
                    + ", not " + price.currency(), Map.of("currency", price.currency(),
                    "store_currency", pricing.currency()));
        }
    }

    private static List<Object> formOf(ProductVariant variant) {
        return List.of(variant.size(), variant.framed(), variant.paper());
    }

    private static CommandRejectedException duplicateSku(Sku sku, String why) {
        return new CommandRejectedException(DUPLICATE_SKU, "SKU " + sku + " " + why, Map.of("sku", sku.value()));
    }

    private static CommandRejectedException sameForm(ProductVariant variant) {
        return new CommandRejectedException(VALIDATION_ERROR,
                "Two variants cannot share size, frame and paper (" + variant.size() + ", "
                        + (variant.framed() ? "framed" : "unframed") + ", " + variant.paper() + ")",
                Map.of("sku", variant.sku().value()));
    }

    private static <T> T or(T changed, T current) {
        return changed != null ? changed : current;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "Product[" + Objects.toString(productId) + "]";
    }
}
