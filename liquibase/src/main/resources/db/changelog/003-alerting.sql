--liquibase formatted sql

--changeset healthmon:003-alert-notification
-- False when an alert changed while its server was Down: recorded, but not notified (one offline
-- notification per host).
alter table alerts add column notified boolean not null default true;

--changeset healthmon:003-webhook-deliveries
-- The webhook outbox: one row per (event, receiver), written in the same transaction as the alert
-- change, so a notification survives a server restart and each receiver is retried on its own.
create table webhook_deliveries (
    id              bigint generated always as identity primary key,
    event_id        uuid          not null,
    alert_ref       bigint        not null references alerts (id) on delete cascade,
    event_type      varchar(16)   not null,
    receiver        varchar(2048) not null,
    payload         text          not null,
    state           varchar(16)   not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      text,
    created_at      timestamptz   not null,
    delivered_at    timestamptz,
    constraint webhook_deliveries_event_receiver unique (event_id, receiver),
    constraint webhook_deliveries_state check (state in ('PENDING', 'DELIVERED', 'FAILED')),
    constraint webhook_deliveries_type check (event_type in ('OPENED', 'RESOLVED'))
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where state = 'PENDING';
create index webhook_deliveries_alert on webhook_deliveries (alert_ref);
