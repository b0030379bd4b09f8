--liquibase formatted sql

--changeset healthmon:006-last-seen-on-health-row
-- A report's last-seen time and agent version move from the server row to the health row, which
-- every report already updates: each stored report then updates one row besides its own metrics
-- row, not two. The server row keeps what changes only by registration (its name and when it
-- registered). See docs/performance.md, 2026-12-03.
alter table health_status add column last_seen_at timestamptz;
alter table health_status add column agent_version varchar(256);
update health_status h set last_seen_at = s.last_seen_at, agent_version = s.agent_version
    from servers s where s.id = h.server_ref;
alter table servers drop column last_seen_at;
alter table servers drop column agent_version;
