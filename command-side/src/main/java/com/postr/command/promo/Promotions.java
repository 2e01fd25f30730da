package com.postr.command.promo;

import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.promo.DiscountType;
import com.postr.api.promo.PromoCodeDeactivatedEvent;
import com.postr.api.promo.PromoCodeDefinedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import static com.postr.api.common.RejectionCode.PROMO_CODE_INVALID;

/**
 * Promo codes as orders use them. Discounts are checked when an order is placed ({@link #discountFor}); the use
 * is claimed when its {@code OrderPlacedEvent} is written, in the same transaction, with the promo code's row
 * locked while counting. So the usage limit holds exactly, whatever the number of concurrent checkouts and
 * nodes; a placement that finds the code used up fails as a whole. A cancelled order gives its use back.
 */
@Component
@ProcessingGroup(Promotions.PROCESSING_GROUP)
public class Promotions implements PromoCodes {

    public static final String PROCESSING_GROUP = "promotions";

    private final JdbcTemplate jdbc;

    Promotions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Definition(DiscountType type, BigDecimal percentOff, BigDecimal amountOff, String currency,
                              BigDecimal minimum, Instant validFrom, Instant validUntil, Integer usageLimit,
                              boolean active) {
    }

    @Override
    public void requireApplicable(String code, Instant at) {
        requireApplicable(code, find(code, false), at);
    }

    private static void requireApplicable(String code, Definition definition, Instant at) {
        if (!definition.active()) {
            throw invalid(code, "is no longer active");
        }
        if (definition.validFrom() != null && at.isBefore(definition.validFrom())) {
            throw invalid(code, "is valid from " + definition.validFrom());
        }
        if (definition.validUntil() != null && !at.isBefore(definition.validUntil())) {
            throw invalid(code, "expired at " + definition.validUntil());
        }
    }

    @Override
    public Money discountFor(String code, Money subtotal, Instant at) {
        var definition = find(code, false);
        requireApplicable(code, definition, at);
        if (definition.minimum() != null) {
            var minimum = new Money(definition.minimum().stripTrailingZeros(), subtotal.currency());
            if (subtotal.compareTo(minimum) < 0) {
                throw invalid(code, "needs an order value of at least " + minimum.amount().toPlainString() + " "
                        + minimum.currency());
            }
        }
        if (definition.usageLimit() != null && redemptions(code) >= definition.usageLimit()) {
            throw invalid(code, "has been used up");
        }
        if (definition.type() == DiscountType.PERCENTAGE) {
            return subtotal.timesRate(definition.percentOff().movePointLeft(2));
        }
        if (!definition.currency().equals(subtotal.currency())) {
            throw invalid(code, "is for orders in " + definition.currency());
        }
        return new Money(definition.amountOff().stripTrailingZeros(), definition.currency()).min(subtotal);
    }

    @EventHandler
    void on(PromoCodeDefinedEvent event) {
        jdbc.update("""
                insert into promo_code (code, type, percent_off, amount_off, currency, minimum_order_value,
                                        valid_from, valid_until, usage_limit, active)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, true) on conflict (code) do nothing""",
                event.code(), event.type().name(), event.percentOff(),
                event.amountOff() == null ? null : event.amountOff().amount(),
                event.amountOff() == null ? null : event.amountOff().currency(),
                event.minimumOrderValue() == null ? null : event.minimumOrderValue().amount(),
                timestamp(event.validFrom()), timestamp(event.validUntil()), event.usageLimit());
    }

    @EventHandler
    void on(PromoCodeDeactivatedEvent event) {
        jdbc.update("update promo_code set active = false where code = ?", event.code());
    }

    /** Claims the use; the row lock makes concurrent placements with one code take turns counting. */
    @EventHandler
    void on(OrderPlacedEvent event) {
        if (event.promoCode() == null) {
            return;
        }
        var definition = find(event.promoCode(), true);
        if (definition.usageLimit() != null && redemptions(event.promoCode()) >= definition.usageLimit()) {
            throw invalid(event.promoCode(), "has been used up");
        }
        jdbc.update("insert into promo_redemption (order_id, code) values (?, ?) on conflict (order_id) do nothing",
                event.orderId().value(), event.promoCode());
    }

    @EventHandler
    void on(OrderCancelledEvent event) {
        jdbc.update("delete from promo_redemption where order_id = ?", event.orderId().value());
    }

    private Definition find(String code, boolean lock) {
        var sql = "select type, percent_off, amount_off, currency, minimum_order_value, valid_from, valid_until, "
                + "usage_limit, active from promo_code where code = ?" + (lock ? " for update" : "");
        return jdbc.query(sql, Promotions::definition, code).stream().findFirst()
                .orElseThrow(() -> invalid(code, "does not exist"));
    }

    private int redemptions(String code) {
        return jdbc.queryForObject("select count(*) from promo_redemption where code = ?", Integer.class, code);
    }

    private static Definition definition(ResultSet rs, int row) throws SQLException {
        return new Definition(DiscountType.valueOf(rs.getString(1)), rs.getBigDecimal(2), rs.getBigDecimal(3),
                rs.getString(4), rs.getBigDecimal(5), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)),
                (Integer) rs.getObject(8), rs.getBoolean(9));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static CommandRejectedException invalid(String code, String why) {
        return new CommandRejectedException(PROMO_CODE_INVALID, "Promo code '" + code + "' " + why,
                Map.of("promo_code", code, "reason", why));
    }
}
