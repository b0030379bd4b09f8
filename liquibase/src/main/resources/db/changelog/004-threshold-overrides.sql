--liquibase formatted sql

--changeset healthmon:004-threshold-overrides
-- Per-server thresholds set by operators through the API. kind HIGH_CPU has subject ''; kind
-- HIGH_DISK has a mountpoint, or '' for every disk of that server. A missing row means the global
-- threshold (healthmon.alert.cpu-threshold, healthmon.alert.disk-threshold) applies.
create table threshold_overrides (
    server_ref bigint           not null references servers (id) on delete cascade,
    kind       varchar(32)      not null,
    subject    varchar(1024)    not null default '',
    threshold  double precision not null,
    primary key (server_ref, kind, subject),
    constraint threshold_overrides_kind check (kind in ('HIGH_CPU', 'HIGH_DISK')),
    constraint threshold_overrides_range check (threshold >= 0 and threshold <= 100)
);

--changeset healthmon:004-notified-comment
comment on column alerts.notified is
    'false while a notice about this alert is held back because its server was Down; sent when the server returns';
