package com.postr.command.promo;

import com.postr.api.common.CommandRejectedException;
import com.postr.api.promo.DeactivatePromoCodeCommand;
import com.postr.api.promo.DefinePromoCodeCommand;
import com.postr.api.promo.DiscountType;
import com.postr.api.promo.PromoCodeDeactivatedEvent;
import com.postr.api.promo.PromoCodeDefinedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;

import static com.postr.api.common.RejectionCode.VALIDATION_ERROR;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/** A promo code as an admin defined it. Its uses are counted where orders are placed ({@link Promotions}). */
@Aggregate
class PromoCode {

    static final String CODE_PATTERN = "[A-Z0-9_-]{3,32}";

    @AggregateIdentifier
    private String code;
    private boolean active;

    protected PromoCode() {
        // for Axon
    }

    @CommandHandler
    PromoCode(DefinePromoCodeCommand command) {
        if (command.code() == null || !command.code().matches(CODE_PATTERN)) {
            throw invalid("A promo code is 3 to 32 upper-case letters, digits, '-' or '_'");
        }
        if (command.type() == DiscountType.PERCENTAGE) {
            var percent = command.percentOff();
            if (percent == null || percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0
                    || percent.stripTrailingZeros().scale() > 2 || command.amountOff() != null) {
                throw invalid("A percentage code needs percent_off above 0 and at most 100, and no amount_off");
            }
        } else if (command.type() == DiscountType.FIXED_AMOUNT) {
            if (command.amountOff() == null || command.amountOff().signum() <= 0 || command.percentOff() != null) {
                throw invalid("A fixed-amount code needs a positive amount_off, and no percent_off");
            }
        } else {
            throw invalid("A promo code needs a type");
        }
        if (command.minimumOrderValue() != null && command.minimumOrderValue().signum() < 0) {
            throw invalid("The minimum order value cannot be negative");
        }
        if (command.validFrom() != null && command.validUntil() != null
                && !command.validFrom().isBefore(command.validUntil())) {
            throw invalid("valid_from must be before valid_until");
        }
        if (command.usageLimit() != null && command.usageLimit() < 1) {
            throw invalid("A usage limit is at least 1");
        }
        apply(new PromoCodeDefinedEvent(command.code(), command.type(), command.percentOff(), command.amountOff(),
                command.minimumOrderValue(), command.validFrom(), command.validUntil(), command.usageLimit()));
    }

    /** Deactivating twice is a no-op. */
    @CommandHandler
    long handle(DeactivatePromoCodeCommand command) {
        if (active) {
            apply(new PromoCodeDeactivatedEvent(code));
        }
        return getVersion();
    }

    @EventSourcingHandler
    void on(PromoCodeDefinedEvent event) {
        code = event.code();
        active = true;
    }

    @EventSourcingHandler
    void on(PromoCodeDeactivatedEvent event) {
        active = false;
    }

    private static CommandRejectedException invalid(String message) {
        return new CommandRejectedException(VALIDATION_ERROR, message);
    }
}
