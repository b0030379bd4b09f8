--liquibase formatted sql

--changeset healthmon:010-alerts-resolved-at
-- The Alertmanager repeats read the alerts resolved lately on every round; resolved alerts accumulate,
-- so they are found by when they resolved rather than by a scan of them all.
create index alerts_resolved_at on alerts (resolved_at) where state = 'RESOLVED';
