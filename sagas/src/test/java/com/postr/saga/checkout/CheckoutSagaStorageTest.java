package com.postr.saga.checkout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sagas are stored as JSON (saga_entry) and live for days, until delivery: one stored by the release that kept
 * its place in two enums and a flag is read into the single stage, and a new one reads back as it was written.
 */
class CheckoutSagaStorageTest {

    /** As the app configures Axon's serializer: fields visible, unknown properties tolerated. */
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()).lenientDeserialization().build();

    private CheckoutSaga read(String json) {
        return serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8),
                byte[].class, CheckoutSaga.class.getName(), null));
    }

    private static Object stageOf(CheckoutSaga saga) throws Exception {
        Field stage = CheckoutSaga.class.getDeclaredField("stage");
        stage.setAccessible(true);
        return stage.get(saga);
    }

    @ParameterizedTest(name = "{0}, payment {1}, delivered {2} -> {3}")
    @CsvSource({
            "AWAITING_PAYMENT, REQUESTED, false, AWAITING_PAYMENT",
            "CONFIRMED, NONE, false, CONFIRMED_UNPAID",
            "CONFIRMED, AUTHORIZED, false, AUTHORIZED",
            "CONFIRMED, CAPTURE_REQUESTED, false, CAPTURING",
            "SHIPPED, CAPTURE_REQUESTED, false, CAPTURING",
            "SHIPPED, CAPTURE_REQUESTED, true, DELIVERED_CAPTURING",
            "SHIPPED, CAPTURED, false, CAPTURED",
            "CANCELLED, VOID_REQUESTED, false, VOIDING",
            "CANCELLED, REFUND_REQUESTED, false, REFUNDING",
            "CANCELLED, CAPTURE_REQUESTED, false, CANCELLED_CAPTURING"})
    void readsASagaStoredByThePreviousReleaseIntoItsStage(String stage, String payment, boolean delivered,
                                                           String expected) throws Exception {
        var old = """
                {"orderId": "ord_1", "paymentId": "pay_1", "total": {"amount": 10.00, "currency": "EUR"},
                 "lines": [{"sku": "SKU-A3", "quantity": 1}], "reserved": [], "stage": "%s", "payment": "%s",
                 "timeoutId": null, "delivered": %s}""".formatted(stage, payment, delivered);
        assertThat(stageOf(read(old))).hasToString(expected);
        // the same, with the old fields in another order
        var reordered = """
                {"delivered": %s, "payment": "%s", "stage": "%s", "orderId": "ord_1"}"""
                .formatted(delivered, payment, stage);
        assertThat(stageOf(read(reordered))).hasToString(expected);
    }

    @ParameterizedTest
    @CsvSource({"AWAITING_PAYMENT", "AUTHORIZED", "CAPTURING", "REFUNDING"})
    void readsANewSagaBackAsItWasWritten(String stage) throws Exception {
        var saga = read("{\"orderId\": \"ord_1\", \"stage\": \"" + stage + "\"}");
        var written = new String(serializer.serialize(saga, byte[].class).getData(), StandardCharsets.UTF_8);
        assertThat(written).contains("\"stage\":\"" + stage + "\"").doesNotContain("legacy", "payment\":");
        assertThat(stageOf(read(written))).hasToString(stage);
    }
}
