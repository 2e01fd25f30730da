package com.postr.app.support;

import java.util.UUID;

/** Request bodies for the catalog, with SKUs unique per call so tests never collide in a shared database. */
public final class Products {

    private Products() {
    }

    public static String uniqueSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    public static String registration(String title, String category, String sku) {
        return """
                {"title": "%s", "artist": "Hokusai", "description": "Woodblock print", "category": "%s",
                 "tags": ["sea", "wave"], "colors": ["blue"],
                 "variants": [{"sku": "%s", "size": "A3", "framed": false, "paper": "matte",
                               "price": {"amount": 29.99, "currency": "EUR"}}]}
                """.formatted(title, category, sku);
    }
}
