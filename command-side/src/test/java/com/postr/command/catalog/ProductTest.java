package com.postr.command.catalog;

import com.postr.api.catalog.AddProductVariantCommand;
import com.postr.api.catalog.ChangeProductDetailsCommand;
import com.postr.api.catalog.ChangeVariantPriceCommand;
import com.postr.api.catalog.DiscontinueProductCommand;
import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
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
import com.postr.api.common.Money;
import com.postr.api.common.RejectionCode;
import com.postr.command.pricing.PricingPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.postr.command.support.Rejections.rejectedWith;

class ProductTest {

    private static final ProductId ID = new ProductId("prod_1");
    private static final ProductDetails DETAILS = new ProductDetails("Great Wave", "Hokusai", "Woodblock print",
            "japanese", List.of("sea", "wave"), List.of("blue", "white"));
    private static final ProductVariant A3_MATTE = variant("WAVE-A3-M", PosterSize.A3, false, PaperFinish.MATTE, "29.99");
    private static final ProductVariant A2_FRAMED = variant("WAVE-A2-F", PosterSize.A2, true, PaperFinish.GLOSSY, "89.00");

    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Product.class);
        fixture.registerInjectableResource(new PricingPolicy("EUR", Map.of(), null, Map.of()));
    }

    private static ProductVariant variant(String sku, PosterSize size, boolean framed, PaperFinish paper, String price) {
        return new ProductVariant(new Sku(sku), size, framed, paper, Money.of(price, "EUR"));
    }

    private static ProductRegisteredEvent registered() {
        return new ProductRegisteredEvent(ID, DETAILS.title(), DETAILS.artist(), DETAILS.description(),
                DETAILS.category(), DETAILS.tags(), DETAILS.colors(), List.of(A3_MATTE));
    }

    @Test
    void registersAProductWithItsVariants() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, DETAILS, List.of(A3_MATTE, A2_FRAMED)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ProductRegisteredEvent(ID, "Great Wave", "Hokusai", "Woodblock print", "japanese",
                        List.of("sea", "wave"), List.of("blue", "white"), List.of(A3_MATTE, A2_FRAMED)));
    }

    @Test
    void rejectsRegistrationWithoutVariants() {
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, DETAILS, List.of()))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void rejectsRegistrationWithoutTitle() {
        var noTitle = new ProductDetails(" ", "Hokusai", null, "japanese", null, null);
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, noTitle, List.of(A3_MATTE)))
                .expectNoEvents()
                .expectExceptionMessage("A product needs a title, an artist and a category");
    }

    @Test
    void rejectsRegistrationWithTheSameSkuTwice() {
        var sameSku = variant("WAVE-A3-M", PosterSize.A2, false, PaperFinish.MATTE, "39.99");
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, DETAILS, List.of(A3_MATTE, sameSku)))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.DUPLICATE_SKU));
    }

    @Test
    void rejectsRegistrationWithTwoVariantsOfTheSameForm() {
        var sameForm = variant("WAVE-A3-M2", PosterSize.A3, false, PaperFinish.MATTE, "39.99");
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, DETAILS, List.of(A3_MATTE, sameForm)))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void rejectsRegistrationWithMalformedSku() {
        var lowerCase = variant("wave-a3", PosterSize.A3, false, PaperFinish.MATTE, "29.99");
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, DETAILS, List.of(lowerCase)))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void rejectsRegistrationWithZeroPrice() {
        var free = variant("WAVE-A4-M", PosterSize.A4, false, PaperFinish.MATTE, "0.00");
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, DETAILS, List.of(free)))
                .expectNoEvents()
                .expectExceptionMessage("A price must be greater than zero");
    }

    @Test
    void rejectsRegistrationWithTooManyVariants() {
        var many = new java.util.ArrayList<ProductVariant>();
        for (int i = 0; i <= Product.MAX_VARIANTS; i++) {
            many.add(variant("SKU-" + i, PosterSize.values()[i % 4], i % 2 == 0,
                    PaperFinish.values()[(i / 2) % 2], "10.00"));
        }
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, DETAILS, many))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void changesOnlyTheGivenDetailsAndReturnsTheNewVersion() {
        fixture.given(registered())
                .when(new ChangeProductDetailsCommand(ID, "The Great Wave off Kanagawa", null, null, null,
                        List.of("sea"), List.of("blue")))
                .expectEvents(new ProductDetailsChangedEvent(ID, "The Great Wave off Kanagawa", "Hokusai",
                        "Woodblock print", "japanese", List.of("sea"), List.of("blue")))
                .expectResultMessagePayload(1L);
    }

    @Test
    void treatsUnchangedDetailsAsNoOp() {
        fixture.given(registered())
                .when(new ChangeProductDetailsCommand(ID, "Great Wave", "Hokusai", null, null, null, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void rejectsDetailsWithoutArtist() {
        fixture.given(registered())
                .when(new ChangeProductDetailsCommand(ID, null, " ", null, null, null, null))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void rejectsDetailChangesOfADiscontinuedProduct() {
        fixture.given(registered(), new ProductDiscontinuedEvent(ID, "sold out for good"))
                .when(new ChangeProductDetailsCommand(ID, "New title", null, null, null, null, null))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.PRODUCT_DISCONTINUED));
    }

    @Test
    void changesAVariantPriceRecordingThePreviousPrice() {
        fixture.given(registered())
                .when(new ChangeVariantPriceCommand(ID, A3_MATTE.sku(), Money.of("24.99", "EUR")))
                .expectEvents(new VariantPriceChangedEvent(ID, A3_MATTE.sku(), Money.of("29.99", "EUR"),
                        Money.of("24.99", "EUR")));
    }

    @Test
    void treatsTheSamePriceAsNoOp() {
        fixture.given(registered())
                .when(new ChangeVariantPriceCommand(ID, A3_MATTE.sku(), Money.of("29.990", "EUR")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsPriceChangeOfAnUnknownVariant() {
        fixture.given(registered())
                .when(new ChangeVariantPriceCommand(ID, new Sku("NOPE-1"), Money.of("1.00", "EUR")))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.UNKNOWN_VARIANT));
    }

    @Test
    void refusesAPriceInAnotherCurrencyThanTheShops() {
        var dollars = new ProductVariant(new Sku("WAVE-A4-M"), PosterSize.A4, false, PaperFinish.MATTE,
                Money.of("29.99", "USD"));
        fixture.givenNoPriorActivity()
                .when(new RegisterProductCommand(ID, DETAILS, List.of(dollars)))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.UNSUPPORTED_CURRENCY));
        fixture.given(registered())
                .when(new ChangeVariantPriceCommand(ID, A3_MATTE.sku(), Money.of("24.99", "USD")))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.UNSUPPORTED_CURRENCY));
        fixture.given(registered())
                .when(new AddProductVariantCommand(ID, dollars))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.UNSUPPORTED_CURRENCY));
    }

    @Test
    void rejectsNegativePrice() {
        fixture.given(registered())
                .when(new ChangeVariantPriceCommand(ID, A3_MATTE.sku(), Money.of("-1.00", "EUR")))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void rejectsPriceChangeOfADiscontinuedProduct() {
        fixture.given(registered(), new ProductDiscontinuedEvent(ID, null))
                .when(new ChangeVariantPriceCommand(ID, A3_MATTE.sku(), Money.of("9.99", "EUR")))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.PRODUCT_DISCONTINUED));
    }

    @Test
    void addsAVariant() {
        fixture.given(registered())
                .when(new AddProductVariantCommand(ID, A2_FRAMED))
                .expectEvents(new ProductVariantAddedEvent(ID, A2_FRAMED))
                .expectResultMessagePayload(1L);
    }

    @Test
    void rejectsAddingASkuTheProductAlreadyHas() {
        var again = variant("WAVE-A3-M", PosterSize.A1, false, PaperFinish.MATTE, "99.00");
        fixture.given(registered())
                .when(new AddProductVariantCommand(ID, again))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.DUPLICATE_SKU));
    }

    @Test
    void rejectsAddingAVariantOfAnExistingForm() {
        var sameForm = variant("WAVE-A3-M-BIS", PosterSize.A3, false, PaperFinish.MATTE, "19.00");
        fixture.given(registered())
                .when(new AddProductVariantCommand(ID, sameForm))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void rejectsAddingAVariantToADiscontinuedProduct() {
        fixture.given(registered(), new ProductDiscontinuedEvent(ID, null))
                .when(new AddProductVariantCommand(ID, A2_FRAMED))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.PRODUCT_DISCONTINUED));
    }

    @Test
    void discontinuesAProductWithAReason() {
        fixture.given(registered())
                .when(new DiscontinueProductCommand(ID, "licence expired"))
                .expectEvents(new ProductDiscontinuedEvent(ID, "licence expired"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void treatsDiscontinuingTwiceAsNoOp() {
        fixture.given(registered(), new ProductDiscontinuedEvent(ID, "licence expired"))
                .when(new DiscontinueProductCommand(ID, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }
}
