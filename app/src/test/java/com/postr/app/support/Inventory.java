package com.postr.app.support;

/** Puts products in the catalog and stock on hand, through the HTTP API. */
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
            receive(http, sku, onHand);
        }
        return sku;
    }

    /** Puts {@code quantity} more units of an existing SKU on hand, so checkout can reserve them. */
    public static void receive(HttpClient http, String sku, int quantity) {
        var received = http.post("/api/v1/inventory/" + sku + "/receipts", "{\"quantity\": " + quantity + "}");
        if (received.status() != 200) {
            throw new IllegalStateException("Could not receive stock for " + sku + ": " + received.body());
        }
    }

    public static String reservation(String orderId, int quantity) {
        return "{\"order_id\": \"" + orderId + "\", \"quantity\": " + quantity + "}";
    }
}
