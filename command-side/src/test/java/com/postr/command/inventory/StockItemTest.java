package com.postr.command.inventory;

import com.postr.api.catalog.Sku;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.RejectionCode;
import com.postr.api.inventory.AdjustStockCommand;
import com.postr.api.inventory.AdjustmentReason;
import com.postr.api.inventory.CommitStockCommand;
import com.postr.api.inventory.ReceiveStockCommand;
import com.postr.api.inventory.ReleaseStockCommand;
import com.postr.api.inventory.ReservationExpiredEvent;
import com.postr.api.inventory.ReserveStockCommand;
import com.postr.api.inventory.StockAdjustedEvent;
import com.postr.api.inventory.StockCommittedEvent;
import com.postr.api.inventory.StockReceivedEvent;
import com.postr.api.inventory.StockReleasedEvent;
import com.postr.api.inventory.StockReservedEvent;
import com.postr.command.catalog.KnownSkus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.postr.command.support.Rejections.rejectedWith;
import static org.assertj.core.api.Assertions.assertThat;

class StockItemTest {

    private static final Sku SKU = new Sku("WAVE-A3");
    private static final Sku UNKNOWN = new Sku("NOT-SOLD");

    private AggregateTestFixture<StockItem> fixture;
    private Instant now;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StockItem.class);
        fixture.registerInjectableResource((KnownSkus) sku -> sku.equals(SKU));
        now = fixture.currentTime();
    }

    private Instant in15Minutes() {
        return now.plus(Duration.ofMinutes(15));
    }

    private StockReceivedEvent received(int onHand) {
        return new StockReceivedEvent(SKU, onHand, "PO-1", onHand);
    }

    @Test
    void receivesTheFirstStockOfACatalogSku() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveStockCommand(SKU, 10, "PO-1"))
                .expectEvents(new StockReceivedEvent(SKU, 10, "PO-1", 10));
    }

    @Test
    void addsReceiptsToOnHand() {
        fixture.given(received(10))
                .when(new ReceiveStockCommand(SKU, 5, "PO-2"))
                .expectEvents(new StockReceivedEvent(SKU, 5, "PO-2", 15));
    }

    @Test
    void refusesStockForASkuNoProductSells() {
        fixture.givenNoPriorActivity()
                .when(new ReceiveStockCommand(UNKNOWN, 10, null))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.NOT_FOUND));
    }

    @Test
    void refusesANonPositiveReceipt() {
        fixture.given(received(10))
                .when(new ReceiveStockCommand(SKU, 0, null))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void adjustsOnHandWithAReason() {
        fixture.given(received(10))
                .when(new AdjustStockCommand(SKU, -3, AdjustmentReason.DAMAGED, "water damage"))
                .expectEvents(new StockAdjustedEvent(SKU, -3, AdjustmentReason.DAMAGED, "water damage", 7));
    }

    @Test
    void refusesAnAdjustmentBelowWhatIsReserved() {
        fixture.given(received(10), new StockReservedEvent(SKU, "ord_1", 8, in15Minutes(), 2))
                .when(new AdjustStockCommand(SKU, -3, AdjustmentReason.COUNT_CORRECTION, null))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.STOCK_BELOW_RESERVED));
    }

    @Test
    void refusesAnAdjustmentWithoutReasonOrChange() {
        fixture.given(received(10))
                .when(new AdjustStockCommand(SKU, 0, AdjustmentReason.FOUND, null))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.given(received(10))
                .when(new AdjustStockCommand(SKU, 2, null, null))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void reservesAvailableUnitsAndSchedulesTheirExpiry() {
        fixture.given(received(10))
                .when(new ReserveStockCommand(SKU, "ord_1", 3, in15Minutes()))
                .expectEvents(new StockReservedEvent(SKU, "ord_1", 3, in15Minutes(), 7))
                .expectScheduledDeadline(Duration.ofMinutes(15),
                        new StockItem.ReservationExpiry("ord_1", in15Minutes()));
    }

    @Test
    void refusesToReserveMoreThanIsAvailable() {
        fixture.given(received(10), new StockReservedEvent(SKU, "ord_1", 8, in15Minutes(), 2))
                .when(new ReserveStockCommand(SKU, "ord_2", 3, in15Minutes()))
                .expectNoEvents()
                .expectNoScheduledDeadlines()
                .expectException(new CustomTypeSafeMatcher<Throwable>("details naming sku, requested, available") {
                    @Override
                    protected boolean matchesSafely(Throwable e) {
                        return e instanceof CommandRejectedException r
                                && r.code() == RejectionCode.INSUFFICIENT_INVENTORY
                                && r.rejection().details().equals(
                                Map.of("sku", "WAVE-A3", "requested", 3, "available", 2));
                    }
                });
    }

    @Test
    void refusesToReserveASkuThatWasNeverStockedAsOutOfStock() {
        fixture.givenNoPriorActivity()
                .when(new ReserveStockCommand(SKU, "ord_1", 1, in15Minutes()))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.INSUFFICIENT_INVENTORY));
    }

    @Test
    void refusesToReserveASkuNoProductSells() {
        fixture.givenNoPriorActivity()
                .when(new ReserveStockCommand(UNKNOWN, "ord_1", 1, in15Minutes()))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.NOT_FOUND));
    }

    @Test
    void treatsTheSameReservationAgainAsNoOp() {
        fixture.given(received(10), new StockReservedEvent(SKU, "ord_1", 3, in15Minutes(), 7))
                .when(new ReserveStockCommand(SKU, "ord_1", 3, in15Minutes()))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesADifferentQuantityForAnOrderThatAlreadyReserved() {
        fixture.given(received(10), new StockReservedEvent(SKU, "ord_1", 3, in15Minutes(), 7))
                .when(new ReserveStockCommand(SKU, "ord_1", 4, in15Minutes()))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.RESERVATION_CONFLICT));
    }

    @Test
    void refusesAReservationWithoutOrderOrExpiry() {
        fixture.given(received(10))
                .when(new ReserveStockCommand(SKU, " ", 1, in15Minutes()))
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
        fixture.given(received(10))
                .when(new ReserveStockCommand(SKU, "ord_1", 1, null))
                .expectException(rejectedWith(RejectionCode.VALIDATION_ERROR));
    }

    @Test
    void releasesAReservationAndFreesItsUnits() {
        fixture.given(received(10), new StockReservedEvent(SKU, "ord_1", 3, in15Minutes(), 7))
                .when(new ReleaseStockCommand(SKU, "ord_1", "payment declined"))
                .expectEvents(new StockReleasedEvent(SKU, "ord_1", 3, "payment declined", 10));
    }

    @Test
    void treatsReleasingAnUnknownReservationAsNoOp() {
        fixture.given(received(10))
                .when(new ReleaseStockCommand(SKU, "ord_never", "cleanup"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void commitsAReservationTakingItsUnitsOffHand() {
        fixture.given(received(10), new StockReservedEvent(SKU, "ord_1", 3, in15Minutes(), 7))
                .when(new CommitStockCommand(SKU, "ord_1"))
                .expectEvents(new StockCommittedEvent(SKU, "ord_1", 3, 7));
    }

    @Test
    void treatsCommittingTwiceAsNoOp() {
        fixture.given(received(10), new StockReservedEvent(SKU, "ord_1", 3, in15Minutes(), 7),
                        new StockCommittedEvent(SKU, "ord_1", 3, 7))
                .when(new CommitStockCommand(SKU, "ord_1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesToCommitWithoutAnActiveReservation() {
        fixture.given(received(10), new StockReservedEvent(SKU, "ord_1", 3, in15Minutes(), 7),
                        new ReservationExpiredEvent(SKU, "ord_1", 3, 10))
                .when(new CommitStockCommand(SKU, "ord_1"))
                .expectNoEvents()
                .expectException(rejectedWith(RejectionCode.RESERVATION_NOT_ACTIVE));
    }

    @Test
    void expiresAReservationWhenItsDeadlinePasses() {
        fixture.given(received(10))
                .andGivenCommands(new ReserveStockCommand(SKU, "ord_1", 3, in15Minutes()))
                .whenTimeElapses(Duration.ofMinutes(16))
                .expectDeadlinesMet(new StockItem.ReservationExpiry("ord_1", in15Minutes()))
                .expectEvents(new ReservationExpiredEvent(SKU, "ord_1", 3, 10));
    }

    @Test
    void ignoresTheExpiryOfAReservationThatWasAlreadyReleased() {
        fixture.given(received(10))
                .andGivenCommands(new ReserveStockCommand(SKU, "ord_1", 3, in15Minutes()),
                        new ReleaseStockCommand(SKU, "ord_1", "cancelled"))
                .whenTimeElapses(Duration.ofMinutes(16))
                .expectNoEvents();
    }

    @Test
    void ignoresAStaleExpiryWhenTheOrderReservedAgain() {
        var later = in15Minutes().plus(Duration.ofMinutes(10));
        fixture.given(received(10))
                .andGivenCommands(new ReserveStockCommand(SKU, "ord_1", 3, in15Minutes()),
                        new ReleaseStockCommand(SKU, "ord_1", "retry"),
                        new ReserveStockCommand(SKU, "ord_1", 3, later))
                .whenTimeElapses(Duration.ofMinutes(16))
                .expectNoEvents();
    }

    @Test
    void keepsAvailableStockNonNegativeOverAnySequence() {
        // a property check over a fixed pseudo-random sequence of commands against one aggregate
        var random = new java.util.Random(42);
        var given = new java.util.ArrayList<Object>();
        given.add(received(20));
        int onHand = 20;
        var active = new java.util.HashMap<String, Integer>();
        for (int i = 0; i < 300; i++) {
            var order = "ord_" + random.nextInt(30);
            int quantity = 1 + random.nextInt(6);
            int reserved = active.values().stream().mapToInt(Integer::intValue).sum();
            if (random.nextBoolean() && !active.containsKey(order) && quantity <= onHand - reserved) {
                active.put(order, quantity);
                given.add(new StockReservedEvent(SKU, order, quantity, in15Minutes(), onHand - reserved - quantity));
            } else if (active.containsKey(order)) {
                int q = active.remove(order);
                given.add(new StockReleasedEvent(SKU, order, q, "x", onHand - reserved + q));
            }
            assertThat(onHand - active.values().stream().mapToInt(Integer::intValue).sum()).isNotNegative();
        }
        int available = onHand - active.values().stream().mapToInt(Integer::intValue).sum();
        fixture.given(given)
                .when(new ReserveStockCommand(SKU, "ord_final", available + 1, in15Minutes()))
                .expectException(rejectedWith(RejectionCode.INSUFFICIENT_INVENTORY));
    }
}
