--liquibase formatted sql

--changeset healthmon:001-servers
create table servers (
    id            bigint generated always as identity primary key,
    server_id     varchar(128) not null,
    registered_at timestamptz  not null,
    last_seen_at  timestamptz,
    agent_version varchar(256),
    constraint servers_server_id_unique unique (server_id)
);
comment on table servers is 'One row per monitored server; server_id is the name its agent reports under.';

--changeset healthmon:001-api-keys
create table api_keys (
    id           bigint generated always as identity primary key,
    server_ref   bigint      not null references servers (id) on delete cascade,
    key_hash     char(64)    not null,
    key_prefix   varchar(16) not null,
    created_at   timestamptz not null,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    constraint api_keys_hash_unique unique (key_hash)
);
create index api_keys_server on api_keys (server_ref);
comment on column api_keys.key_hash is 'Hex SHA-256 of the key. The key itself is never stored.';
comment on column api_keys.key_prefix is 'The first characters of the key, so an operator can tell keys apart.';

--changeset healthmon:001-metrics
-- A time series: partitioned by day on collected_at so retention drops whole partitions, and keyed on
-- (server_ref, collected_at), which is both the idempotency key and the "one server, a time range" index.
create table metrics (
    server_ref        bigint           not null references servers (id) on delete cascade,
    collected_at      timestamptz      not null,
    received_at       timestamptz      not null,
    cpu_usage         double precision,
    memory_total      bigint,
    memory_used       bigint,
    memory_percentage double precision,
    swap_total        bigint,
    swap_used         bigint,
    swap_percentage   double precision,
    load_1            double precision,
    load_5            double precision,
    load_15           double precision,
    uptime_seconds    bigint,
    disk_usage        jsonb,
    failed_services   jsonb,
    network           jsonb,
    collection_errors jsonb,
    agent_version     varchar(256),
    primary key (server_ref, collected_at)
) partition by range (collected_at);
comment on column metrics.failed_services is 'Null when the agent could not ask systemd; [] when nothing had failed.';
-- Catches rows outside every daily partition (e.g. a replay older than the oldest partition), so no
-- report is ever refused for want of a partition.
create table metrics_default partition of metrics default;

--changeset healthmon:001-health-status
-- The current classification of each server and the latest values behind it: the fleet view reads
-- this one row per server instead of searching the time series. failed_services is the JSON list of the
-- latest report (null when the agent could not ask systemd), kept as text: it is shown, never queried.
create table health_status (
    server_ref          bigint      primary key references servers (id) on delete cascade,
    status              varchar(16) not null,
    reasons             text,
    status_since        timestamptz not null,
    evaluated_at        timestamptz not null,
    latest_collected_at timestamptz,
    cpu_usage           double precision,
    memory_percentage   double precision,
    load_1              double precision,
    fullest_disk        varchar(1024),
    fullest_disk_percentage double precision,
    failed_services     text,
    constraint health_status_status check (status in ('NEVER_SEEN', 'HEALTHY', 'WARNING', 'DOWN'))
);

--changeset healthmon:001-alerts
create table alerts (
    id           bigint generated always as identity primary key,
    server_ref   bigint       not null references servers (id) on delete cascade,
    kind         varchar(32)  not null,
    subject      varchar(1024) not null default '',
    state        varchar(16)  not null,
    opened_at    timestamptz  not null,
    resolved_at  timestamptz,
    value        double precision,
    threshold    double precision,
    last_value   double precision,
    clear_streak integer      not null default 0,
    constraint alerts_kind check (kind in ('HIGH_CPU', 'HIGH_DISK', 'FAILED_SERVICE', 'SERVER_OFFLINE')),
    constraint alerts_state check (state in ('OPEN', 'RESOLVED'))
);
-- An alert opens once: at most one open alert per server, kind and subject, enforced by the database.
create unique index alerts_one_open on alerts (server_ref, kind, subject) where state = 'OPEN';
create index alerts_server_opened on alerts (server_ref, opened_at desc);
create index alerts_state_opened on alerts (state, opened_at desc);
