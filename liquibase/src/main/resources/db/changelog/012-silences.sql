--liquibase formatted sql

--changeset healthmon:012-silences
-- Operators' silences and maintenance windows: alerts they cover are recorded and shown but not
-- notified; one covering a server's offline alert keeps it from being marked Down. An ended silence
-- stays (listed as expired); ending one early sets ends_at.
create table silences (
    id             bigint generated always as identity primary key,
    server_id      varchar(128),
    server_pattern varchar(128),
    kinds          varchar(256)  not null default '',
    subject        varchar(1024),
    starts_at      timestamptz   not null,
    ends_at        timestamptz   not null,
    comment        varchar(1024) not null,
    created_by     varchar(128)  not null,
    created_at     timestamptz   not null,
    constraint silences_one_target check ((server_id is null) <> (server_pattern is null)),
    constraint silences_window check (ends_at >= starts_at)
);
comment on column silences.kinds is 'Comma-separated alert kinds covered; empty means every kind.';
comment on column silences.subject is 'The one mountpoint or unit covered; null means every one.';
create index silences_ends_at on silences (ends_at);

--changeset healthmon:012-alerts-owed
-- Alerts whose notice is owed (held while their server was Down or while a silence covered them):
-- few, looked for on every end-of-silence check.
create index alerts_owed on alerts (server_ref) where notified = false;
comment on column alerts.notified is
    'False while a notice of this alert is owed: it opened, or resolved after its opening was told, while its server was Down or a silence covered it. Told (and set true) when the server returns or the silence ends.';
