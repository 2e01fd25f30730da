package com.postr.app.order;

import com.postr.api.catalog.FetchProductQuery;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductResponse;
import com.postr.api.catalog.ProductStatus;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.Sku;
import com.postr.api.order.RequestedItem;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import com.postr.app.web.gateway.Queries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the lines of a placement into SKUs. The design document names lines by {@code product_id}; a poster is
 * sold in variants, so that works where the product has exactly one on sale, and otherwise the client must say
 * which one. The Order still checks every SKU against the catalog when it is placed.
 */
@Component
class OrderItems {

    private final Queries queries;
    private final String currency;

    OrderItems(Queries queries, @Value("${postr.pricing.currency:EUR}") String currency) {
        this.queries = queries;
        this.currency = currency;
    }

    List<RequestedItem> resolve(List<PlaceOrderRequest.Item> items) {
        var resolved = new ArrayList<RequestedItem>(items.size());
        for (int i = 0; i < items.size(); i++) {
            var item = items.get(i);
            var field = "items[" + i + "]";
            if ((item.sku() == null) == (item.productId() == null)) {
                throw ApiException.invalidField(field, "needs either sku or product_id");
            }
            var sku = item.sku() != null ? new Sku(item.sku()) : onlyVariantOf(field, item.productId());
            resolved.add(new RequestedItem(sku, item.quantity(), item.price()));
        }
        return resolved;
    }

    private Sku onlyVariantOf(String field, String productId) {
        var product = queries.find(new FetchProductQuery(new ProductId(productId)), ProductResponse.class)
                .filter(p -> p.status() == ProductStatus.ACTIVE)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOR_SALE, "Product " + productId
                        + " is not for sale", Map.of("product_id", productId)));
        var onSale = product.variants().stream().filter(v -> v.price().currency().equals(currency))
                .map(ProductVariant::sku).map(Sku::value).toList();
        if (onSale.isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOR_SALE, "Product " + productId + " is not for sale",
                    Map.of("product_id", productId));
        }
        if (onSale.size() > 1) {
            var message = "product " + productId + " has " + onSale.size() + " variants; name one by sku: "
                    + String.join(", ", onSale);
            throw new ApiException(ErrorCode.VALIDATION_ERROR, field + ".product_id " + message,
                    Map.of("fields", List.of(Map.of("field", field + ".product_id", "message", message)),
                            "product_id", productId, "skus", onSale));
        }
        return new Sku(onSale.get(0));
    }
}
