package com.postr.app.order;

import com.postr.api.order.FetchOrderQuery;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderStatus;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.ReadYourWrites;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Checkout usually settles in milliseconds, so placing an order (directly or from a cart) waits up to
 * {@code postr.checkout.await-outcome} for it: the client gets CONFIRMED or CANCELLED, not a PENDING to poll.
 */
@Component
public class CheckoutOutcome {

    private final Queries queries;
    private final ReadYourWrites readYourWrites;
    private final Duration wait;

    CheckoutOutcome(Queries queries, ReadYourWrites readYourWrites,
                    CheckoutWaitProperties properties) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.wait = properties.awaitOutcome();
    }

    /** The order once checkout has settled it; or as it stands when the wait ran out (empty if not yet readable). */
    public Optional<OrderResponse> await(OrderId orderId) {
        return readYourWrites.await(() -> queries.find(new FetchOrderQuery(orderId), OrderResponse.class),
                order -> order.status() != OrderStatus.PENDING, wait);
    }
}
