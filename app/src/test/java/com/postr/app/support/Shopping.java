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
}
