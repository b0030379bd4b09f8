--liquibase formatted sql

--changeset healthmon:008-webhook-leases
-- A delivery is claimed with a lease and the claim commits before its receiver is called, so no
-- connection, transaction or row lock is held while a receiver is waited for. A row whose lease has
-- run out (its instance died mid-send) is due again; the token makes a late result from a lost lease
-- a no-op instead of a second record.
alter table webhook_deliveries add column leased_until timestamptz;
alter table webhook_deliveries add column lease_token uuid;
-- Each receiver's lane claims only its own due rows.
create index webhook_deliveries_receiver_due on webhook_deliveries (receiver, next_attempt_at) where state = 'PENDING';
