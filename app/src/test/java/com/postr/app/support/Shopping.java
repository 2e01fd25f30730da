package com.postr.app.support;

/** Request bodies shoppers send, shared by the cart and ownership tests. */
public final class Shopping {

    /** Cart checkout to a German address, paid with Stripe's always-authorized test card. */
    public static final String CHECKOUT = """
            {"shipping_address": {"name": "Erika", "street": "Heidestr. 17", "city": "Köln", "zip": "51147",
                                  "country": "DE"},
             "payment_method": {"type": "card", "token": "pm_card_visa"}}""";

    private Shopping() {
    }

    /** An order of {@code quantity} units of one SKU to Berlin, paid with Stripe's test Visa. */
    public static String orderOf(String sku, int quantity) {
        return """
                {"items": [{"sku": "%s", "quantity": %d}],
                 "shipping_address": {"name": "Erika", "street": "S", "city": "Berlin", "zip": "10115", "country": "DE"},
                 "payment_method": {"type": "card", "token": "pm_card_visa"}}""".formatted(sku, quantity);
    }
}
