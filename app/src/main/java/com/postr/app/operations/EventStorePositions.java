package com.postr.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the event store and the processors stand, read from the database, so every node sees every node's
 * processors: the head, the stored tokens, and how old the oldest event after a position is. Health, the
 * processors' admin view and checkout's back-pressure all read them here.
 */
@Component
public class EventStorePositions {

    private static final ObjectMapper TOKENS = new ObjectMapper();

    private final JdbcTemplate jdbc;

    EventStorePositions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A segment's token as stored.
     *
     * @param position  its position, however deep replay tokens wrap it; null before its first event
     * @param replaying whether it is a replay token
     */
    public record StoredToken(String owner, Long position, boolean replaying) {
    }

    /** The newest stored event: its global index (-1 for an empty store) and when it was stored (null then). */
    public record Head(long position, Instant at) {
    }

    public Head head() {
        return jdbc.query("SELECT global_index, time_stamp FROM domain_event_entry ORDER BY global_index DESC LIMIT 1",
                rows -> rows.next() ? new Head(rows.getLong(1), Instant.parse(rows.getString(2))) : new Head(-1, null));
    }

    /** How old the first event after {@code position} is at {@code now}; zero if there is none. */
    public Duration ageOfOldestAfter(long position, Instant now) {
        var oldest = jdbc.query("SELECT time_stamp FROM domain_event_entry WHERE global_index > ?"
                + " ORDER BY global_index LIMIT 1", rows -> rows.next() ? Instant.parse(rows.getString(1)) : null,
                position);
        return oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
    }

    /** Per processor and segment, the token token_entry holds (every node's). */
    public Map<String, Map<Integer, StoredToken>> storedTokens() {
        var tokens = new HashMap<String, Map<Integer, StoredToken>>();
        jdbc.query("SELECT processor_name, segment, owner, token FROM token_entry", row -> {
            tokens.computeIfAbsent(row.getString(1), name -> new TreeMap<>()).put(row.getInt(2),
                    token(row.getString(3), row.getBytes(4)));
        });
        return tokens;
    }

    private static StoredToken token(String owner, byte[] token) {
        if (token == null) {
            return new StoredToken(owner, null, false);
        }
        try {
            JsonNode node = TOKENS.readTree(token);
            boolean replaying = node.has("currentToken");
            while (node.has("currentToken")) {
                node = node.get("currentToken");
            }
            return new StoredToken(owner, node.has("index") ? node.get("index").asLong() : null, replaying);
        } catch (IOException unreadable) {
            return new StoredToken(owner, null, false);
        }
    }
}
