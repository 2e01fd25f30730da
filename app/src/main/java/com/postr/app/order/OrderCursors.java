package com.postr.app.order;

import com.postr.api.order.FindOrdersQuery;
import com.postr.api.order.OrderStatus;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Opaque, tamper-evident cursors for the order list. A cursor holds the sort keys of the last order of a page
 * and an HMAC over them and over the listing it belongs to (caller, filters, sort), so an altered cursor, a forged
 * one or one reused with other filters is refused with {@code INVALID_CURSOR}. The key lives in the database,
 * shared by every node.
 */
@Component
class OrderCursors {

    /** Who lists what, in which order: a cursor is valid only for the listing that issued it. */
    record Listing(String owner, OrderStatus status, Instant from, Instant to, FindOrdersQuery.SortField sort,
                   boolean ascending) {

        String canonical() {
            return String.join("|", "v1", String.valueOf(owner), String.valueOf(status), String.valueOf(from),
                    String.valueOf(to), sort.name(), ascending ? "asc" : "desc");
        }
    }

    private static final String KEY_NAME = "order-cursor";
    private static final int SIGNATURE_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** created_at epoch micros ~ total ~ status ~ order id: a strict format before any parsing. */
    private static final Pattern PAYLOAD = Pattern.compile(
            "(-?[0-9]{1,19})~(-?[0-9]{1,20}(?:\\.[0-9]{1,10})?)~([A-Z]{1,20})~([A-Za-z0-9_-]{1,64})");

    private final JdbcTemplate jdbc;
    private volatile byte[] key;

    OrderCursors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    String issue(Listing listing, FindOrdersQuery.Position position) {
        var micros = Math.addExact(Math.multiplyExact(position.createdAt().getEpochSecond(), 1_000_000L),
                position.createdAt().getNano() / 1_000);
        var payload = micros + "~" + position.total().toPlainString() + "~" + position.status().name() + "~"
                + position.orderId();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "."
                + ENCODER.encodeToString(sign(payload, listing));
    }

    FindOrdersQuery.Position read(String cursor, Listing listing) {
        var dot = cursor.indexOf('.');
        if (cursor.length() > 300 || dot < 1 || dot != cursor.lastIndexOf('.')) {
            throw invalid();
        }
        String payload;
        byte[] signature;
        try {
            payload = new String(DECODER.decode(cursor.substring(0, dot)), StandardCharsets.US_ASCII);
            signature = DECODER.decode(cursor.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(signature, sign(payload, listing))) {
            throw invalid();
        }
        var parts = PAYLOAD.matcher(payload);
        if (!parts.matches()) {
            throw invalid(); // signed by us, so only a change of format gets here
        }
        try {
            long micros = Long.parseLong(parts.group(1));
            var createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L);
            return new FindOrdersQuery.Position(createdAt, new BigDecimal(parts.group(2)),
                    OrderStatus.valueOf(parts.group(3)), parts.group(4));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_CURSOR, "cursor was not issued for this listing or was altered; "
                + "start again without a cursor, with the same filters and sort", Map.of());
    }

    private byte[] sign(String payload, Listing listing) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            mac.update(listing.canonical().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The first node to need the key creates it; every other node reads the same one. */
    private byte[] key() {
        var known = key;
        if (known == null) {
            var fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            jdbc.update("INSERT INTO api_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                    KEY_NAME, fresh);
            known = jdbc.queryForObject("SELECT secret FROM api_secret WHERE name = ?", byte[].class, KEY_NAME);
            key = known;
        }
        return known;
    }
}
