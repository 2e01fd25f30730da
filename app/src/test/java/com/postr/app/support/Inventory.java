package com.postr.app.support;

/** Puts a product with one SKU in the catalog and stock on hand, through the HTTP API. */
public final class Inventory {

    private Inventory() {
    }

    public static String stockedSku(HttpClient http, String prefix, int onHand) {
        var sku = Products.uniqueSku(prefix);
        var created = http.post("/api/v1/products", Products.registration("Stocked " + sku, "stock", sku));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not register " + sku + ": " + created.body());
        }
        if (onHand > 0) {
            var received = http.post("/api/v1/inventory/" + sku + "/receipts", "{\"quantity\": " + onHand + "}");
            if (received.status() != 200) {
                throw new IllegalStateException("Could not receive stock for " + sku + ": " + received.body());
            }
        }
        return sku;
    }

    public static String reservation(String orderId, int quantity) {
        return "{\"order_id\": \"" + orderId + "\", \"quantity\": " + quantity + "}";
    }
}
