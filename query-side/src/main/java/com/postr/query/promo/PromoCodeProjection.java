package com.postr.query.promo;

import com.postr.api.common.Money;
import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.promo.DiscountType;
import com.postr.api.promo.FetchPromoCodeQuery;
import com.postr.api.promo.FindPromoCodesQuery;
import com.postr.api.promo.PromoCodeDeactivatedEvent;
import com.postr.api.promo.PromoCodeDefinedEvent;
import com.postr.api.promo.PromoCodePage;
import com.postr.api.promo.PromoCodeResponse;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Promo codes with their uses, for admins. Plain SQL: the view is small and its updates are counters. */
@Component
@ProcessingGroup(PromoCodeProjection.PROCESSING_GROUP)
public class PromoCodeProjection {

    public static final String PROCESSING_GROUP = "promo-codes";

    private final JdbcTemplate jdbc;

    PromoCodeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PromoCodeDefinedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        jdbc.update("""
                insert into promo_code_view (code, type, percent_off, amount_off, amount_currency, minimum_order_value,
                    minimum_currency, valid_from, valid_until, usage_limit, active, redemptions, version, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true, 0, ?, ?)
                on conflict (code) do nothing""",
                event.code(), event.type().name(), event.percentOff(), amount(event.amountOff()),
                currency(event.amountOff()), amount(event.minimumOrderValue()), currency(event.minimumOrderValue()),
                timestamp(event.validFrom()), timestamp(event.validUntil()), event.usageLimit(), sequenceNumber,
                timestamp(at));
    }

    @EventHandler
    void on(PromoCodeDeactivatedEvent event, @SequenceNumber long sequenceNumber) {
        jdbc.update("update promo_code_view set active = false, version = ? where code = ? and version < ?",
                sequenceNumber, event.code(), sequenceNumber);
    }

    @EventHandler
    void on(OrderPlacedEvent event) {
        if (event.promoCode() != null && jdbc.update("insert into promo_code_use (order_id, code) values (?, ?) "
                + "on conflict (order_id) do nothing", event.orderId().value(), event.promoCode()) == 1) {
            jdbc.update("update promo_code_view set redemptions = redemptions + 1 where code = ?", event.promoCode());
        }
    }

    @EventHandler
    void on(OrderCancelledEvent event) {
        var code = jdbc.query("delete from promo_code_use where order_id = ? returning code",
                (rs, n) -> rs.getString(1), event.orderId().value()).stream().findFirst();
        code.ifPresent(c -> jdbc.update("update promo_code_view set redemptions = redemptions - 1 where code = ?", c));
    }

    @ResetHandler
    void onReset() {
        jdbc.update("delete from promo_code_use");
        jdbc.update("delete from promo_code_view");
    }

    @QueryHandler
    Optional<PromoCodeResponse> handle(FetchPromoCodeQuery query) {
        return jdbc.query("select * from promo_code_view where code = ?", PromoCodeProjection::response, query.code())
                .stream().findFirst();
    }

    @QueryHandler
    PromoCodePage handle(FindPromoCodesQuery query) {
        var items = jdbc.query("select * from promo_code_view order by created_at desc, code limit ? offset ?",
                PromoCodeProjection::response, query.size(), (long) query.page() * query.size());
        long total = jdbc.queryForObject("select count(*) from promo_code_view", Long.class);
        return new PromoCodePage(items, query.page(), query.size(), total);
    }

    private static PromoCodeResponse response(ResultSet rs, int row) throws SQLException {
        return new PromoCodeResponse(rs.getString("code"), DiscountType.valueOf(rs.getString("type")),
                rs.getBigDecimal("percent_off"), money(rs, "amount_off", "amount_currency"),
                money(rs, "minimum_order_value", "minimum_currency"), instant(rs.getTimestamp("valid_from")),
                instant(rs.getTimestamp("valid_until")), (Integer) rs.getObject("usage_limit"),
                rs.getBoolean("active"), rs.getInt("redemptions"), rs.getLong("version"),
                instant(rs.getTimestamp("created_at")));
    }

    private static BigDecimal amount(Money money) {
        return money == null ? null : money.amount();
    }

    private static String currency(Money money) {
        return money == null ? null : money.currency();
    }

    private static Money money(ResultSet rs, String amountColumn, String currencyColumn) throws SQLException {
        var amount = rs.getBigDecimal(amountColumn);
        return amount == null ? null : new Money(amount.stripTrailingZeros(), rs.getString(currencyColumn));
    }

    private static java.sql.Timestamp timestamp(Instant instant) {
        return instant == null ? null : java.sql.Timestamp.from(instant);
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
