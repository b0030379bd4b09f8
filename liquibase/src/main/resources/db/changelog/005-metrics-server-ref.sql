--liquibase formatted sql

--changeset healthmon:005-metrics-without-server-foreign-key
-- The foreign key from metrics to servers ran a check query and a row lock on the server for every
-- stored report: a tenth of PostgreSQL's statement time under the ingest benchmark (pg_stat_statements,
-- docs/performance.md). The server inserts metrics only for the server whose key it has just
-- authenticated, so the check guarded nothing; what the key still gave, history removed with its
-- server, the trigger below keeps.
alter table metrics drop constraint metrics_server_ref_fkey;

--changeset healthmon:005-metrics-deleted-with-server splitStatements:false
-- Deleting a server (by hand: the API has no such call) deletes its history, as "on delete cascade" did.
-- One statement per deleted server, run once, instead of a check per stored report. A report stored by
-- a transaction that commits while the server is being deleted can outlive it; retention removes it.
create function healthmon_delete_server_metrics() returns trigger language plpgsql as $$
begin
    delete from metrics where server_ref = old.id;
    return old;
end;
$$;
create trigger servers_delete_metrics after delete on servers
    for each row execute function healthmon_delete_server_metrics();
