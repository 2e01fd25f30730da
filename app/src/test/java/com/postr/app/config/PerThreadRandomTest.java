package com.postr.app.config;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PerThreadRandomTest {

    @Test
    void axonNamesMessagesWithThePerThreadGenerator() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(PerThreadRandom.MessageIdentifiers.class);
        var id = UUID.fromString(IdentifierFactory.getInstance().generateIdentifier());
        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void identifiersFromManyThreadsNeverRepeat() {
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 200_000).parallel().forEach(i -> assertThat(seen.add(PerThreadRandom.uuid())).isTrue());
        assertThat(seen).hasSize(200_000);
        assertThat(seen).allSatisfy(id -> assertThat(id.version()).isEqualTo(4));
    }

    @Test
    void eachThreadDrawsItsOwnSequence() throws Exception {
        var first = new byte[16];
        var second = new byte[16];
        var other = new Thread(() -> PerThreadRandom.nextBytes(second));
        PerThreadRandom.nextBytes(first);
        other.start();
        other.join();
        assertThat(first).isNotEqualTo(second);
    }
}
