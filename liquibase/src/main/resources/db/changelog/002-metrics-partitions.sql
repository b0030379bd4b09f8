--liquibase formatted sql

--changeset healthmon:002-partition-functions runOnChange:true splitStatements:false
-- Creates the daily partitions of metrics from first_day for the given number of days, skipping
-- those that exist. The server calls it at start-up and daily, a week ahead.
create or replace function healthmon_ensure_metrics_partitions(first_day date, days integer)
returns integer language plpgsql as $$
declare
    day date;
    name text;
    created integer := 0;
begin
    for i in 0 .. days - 1 loop
        day := first_day + i;
        name := 'metrics_p' || to_char(day, 'YYYYMMDD');
        if to_regclass(name) is null then
            execute format(
                'create table %I partition of metrics for values from (%L) to (%L)',
                name, day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
            created := created + 1;
        end if;
    end loop;
    return created;
end;
$$;

-- Drops whole daily partitions that end on or before cutoff_day, and deletes older rows that landed in
-- the default partition. Returns the number of partitions dropped.
create or replace function healthmon_drop_metrics_before(cutoff_day date)
returns integer language plpgsql as $$
declare
    part record;
    dropped integer := 0;
begin
    for part in
        select c.relname
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        where p.relname = 'metrics' and c.relname ~ '^metrics_p[0-9]{8}$'
          and to_date(substr(c.relname, 10), 'YYYYMMDD') < cutoff_day
    loop
        execute format('drop table %I', part.relname);
        dropped := dropped + 1;
    end loop;
    delete from metrics_default where collected_at < (cutoff_day::timestamp at time zone 'UTC');
    return dropped;
end;
$$;
