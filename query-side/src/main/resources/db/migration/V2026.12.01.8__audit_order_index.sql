-- Which stored events concern which order (query side, rebuilt from the events): the order's own, and every
-- event elsewhere that names the order (stock reservations, the cart's checkout). The audit trail reads the
-- events themselves from domain_event_entry; this only says where they are.
CREATE TABLE audit_order_event (
    order_id            VARCHAR(64)  NOT NULL,
    global_index        BIGINT       NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number     BIGINT       NOT NULL,
    PRIMARY KEY (order_id, global_index)
);
