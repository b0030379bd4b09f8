--liquibase formatted sql

--changeset healthmon:009-cluster
-- The instances of a cluster, each stamping its heartbeat; the operator's view of who is alive, and
-- of what a duty's holder is called.
create table cluster_instances (
    name              text        primary key,
    address           text        not null,
    started_at        timestamptz not null,
    last_heartbeat_at timestamptz not null
);
-- Once-per-cluster duties (offline detection, partition maintenance, the webhook outbox sweep): one
-- row each, held by one instance until held_until. The holder renews it; any instance takes it once
-- it has run out (its holder died), judged by the database's clock, so instances' clocks do not matter.
create table cluster_duties (
    duty       text        primary key,
    holder     text        not null,
    held_until timestamptz not null
);
