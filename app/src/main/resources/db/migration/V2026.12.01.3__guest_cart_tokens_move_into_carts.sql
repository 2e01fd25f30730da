-- Guest cart tokens belong to the Cart aggregate now (CartCreatedEvent revision 2 carries the token's hash).
-- The cart read model keeps the hash so the edge can check a guest's token without a table of its own; carts
-- opened before this change get theirs from guest_cart_token, which is read only by the upcaster of their old
-- CartCreatedEvent from now on, and can be dropped once those carts are past postr.cart.expire-after (30 days).
ALTER TABLE cart_view ADD COLUMN guest_token_hash VARCHAR(64);
UPDATE cart_view v SET guest_token_hash = encode(t.token_hash, 'hex')
FROM guest_cart_token t WHERE t.cart_id = v.cart_id;
