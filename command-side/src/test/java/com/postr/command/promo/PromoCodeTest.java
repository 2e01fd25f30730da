package com.postr.command.promo;

import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.api.common.RejectionCode;
import com.postr.api.promo.DeactivatePromoCodeCommand;
import com.postr.api.promo.DefinePromoCodeCommand;
import com.postr.api.promo.DiscountType;
import com.postr.api.promo.PromoCodeDeactivatedEvent;
import com.postr.api.promo.PromoCodeDefinedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

class PromoCodeTest {

    private static final Instant FROM = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-09-01T00:00:00Z");

    private AggregateTestFixture<PromoCode> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PromoCode.class);
    }

    private static Matcher<Throwable> invalid() {
        return new CustomTypeSafeMatcher<>("a command rejected with VALIDATION_ERROR") {
            @Override
            protected boolean matchesSafely(Throwable e) {
                return e instanceof CommandRejectedException r && r.code() == RejectionCode.VALIDATION_ERROR;
            }
        };
    }

    @Test
    void definesAPercentageCodeWithLimits() {
        var command = new DefinePromoCodeCommand("SUMMER2026", DiscountType.PERCENTAGE, new BigDecimal("15"), null,
                Money.of("50.00", "EUR"), FROM, UNTIL, 100);
        fixture.givenNoPriorActivity().when(command)
                .expectEvents(new PromoCodeDefinedEvent("SUMMER2026", DiscountType.PERCENTAGE, new BigDecimal("15"),
                        null, Money.of("50.00", "EUR"), FROM, UNTIL, 100));
    }

    @Test
    void definesAFixedAmountCodeWithoutLimits() {
        fixture.givenNoPriorActivity()
                .when(new DefinePromoCodeCommand("TENOFF", DiscountType.FIXED_AMOUNT, null, Money.of("10", "EUR"),
                        null, null, null, null))
                .expectEvents(new PromoCodeDefinedEvent("TENOFF", DiscountType.FIXED_AMOUNT, null,
                        Money.of("10.00", "EUR"), null, null, null, null));
    }

    @Test
    void refusesMalformedDefinitions() {
        var bad = new DefinePromoCodeCommand[] {
                new DefinePromoCodeCommand("lower", DiscountType.PERCENTAGE, BigDecimal.TEN, null, null, null, null, null),
                new DefinePromoCodeCommand("ZERO", DiscountType.PERCENTAGE, BigDecimal.ZERO, null, null, null, null, null),
                new DefinePromoCodeCommand("TOOMUCH", DiscountType.PERCENTAGE, new BigDecimal("100.01"), null, null,
                        null, null, null),
                new DefinePromoCodeCommand("BOTH", DiscountType.PERCENTAGE, BigDecimal.TEN, Money.of("1", "EUR"),
                        null, null, null, null),
                new DefinePromoCodeCommand("NOAMOUNT", DiscountType.FIXED_AMOUNT, null, null, null, null, null, null),
                new DefinePromoCodeCommand("NOTYPE", null, BigDecimal.TEN, null, null, null, null, null),
                new DefinePromoCodeCommand("BACKWARDS", DiscountType.PERCENTAGE, BigDecimal.TEN, null, null, UNTIL,
                        FROM, null),
                new DefinePromoCodeCommand("NOUSE", DiscountType.PERCENTAGE, BigDecimal.TEN, null, null, null, null, 0)};
        for (var command : bad) {
            fixture.givenNoPriorActivity().when(command).expectNoEvents().expectException(invalid());
        }
    }

    @Test
    void deactivatesOnce() {
        var defined = new PromoCodeDefinedEvent("TENOFF", DiscountType.FIXED_AMOUNT, null, Money.of("10", "EUR"),
                null, null, null, null);
        fixture.given(defined).when(new DeactivatePromoCodeCommand("TENOFF"))
                .expectEvents(new PromoCodeDeactivatedEvent("TENOFF"));
        fixture.given(defined, new PromoCodeDeactivatedEvent("TENOFF")).when(new DeactivatePromoCodeCommand("TENOFF"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
