--liquibase formatted sql

--changeset healthmon:014-rollup-tables
-- Rollups of the metrics table, so that charts over days and months read one row per server and
-- bucket instead of every report: 5-minute buckets rolled up from the reports, hourly ones from the
-- 5-minute ones. Each metric keeps its count, sum, minimum and maximum, so any coarser bucket is
-- merged exactly (an average is sum / n, weighted by each bucket's count, never an average of
-- averages); a metric's n counts the reports that had it, samples counts them all. disks maps each
-- mountpoint to {n, sum, inodes_n, inodes_sum} of its used and inode percentages; network maps each
-- interface to {rx_bytes, rx_seconds, tx_bytes, tx_seconds} over its valid intervals ending in the
-- bucket (as the history API judges them), so a rate is bytes / seconds at any width.
create table metrics_5m (
    server_ref            bigint           not null,
    bucket                timestamptz      not null,
    samples               integer          not null,
    cpu_usage_n           integer          not null,
    cpu_usage_sum         double precision,
    cpu_usage_min         double precision,
    cpu_usage_max         double precision,
    memory_percentage_n   integer          not null,
    memory_percentage_sum double precision,
    memory_percentage_min double precision,
    memory_percentage_max double precision,
    swap_percentage_n     integer          not null,
    swap_percentage_sum   double precision,
    swap_percentage_min   double precision,
    swap_percentage_max   double precision,
    load_1_n              integer          not null,
    load_1_sum            double precision,
    load_1_min            double precision,
    load_1_max            double precision,
    load_5_n              integer          not null,
    load_5_sum            double precision,
    load_5_min            double precision,
    load_5_max            double precision,
    load_15_n             integer          not null,
    load_15_sum           double precision,
    load_15_min           double precision,
    load_15_max           double precision,
    uptime_max            bigint,
    disks                 jsonb,
    network               jsonb,
    primary key (server_ref, bucket)
);
comment on table metrics_5m is 'Reports rolled up per server into 5-minute buckets (bucket = start, UTC epoch aligned).';
create table metrics_1h (like metrics_5m including all);
comment on table metrics_1h is 'metrics_5m merged per server into hourly buckets.';
-- Retention deletes a level's oldest buckets: rows arrive roughly in bucket order, so a BRIN index
-- finds them for a fraction of a B-tree's size and no cost to the rollup's inserts.
create index metrics_5m_bucket on metrics_5m using brin (bucket);
create index metrics_1h_bucket on metrics_1h using brin (bucket);
-- How far each level is rolled up: every bucket that starts before rolled_until is complete and stored.
create table metrics_rollup_progress (
    level        varchar(8)  primary key,
    rolled_until timestamptz not null
);
-- The rollup job reads the reports of a time range of every server; the primary key leads with the
-- server, so without this each run would read its whole daily partitions. Reports arrive in about
-- collected_at order, so a BRIN index finds a range's pages at almost no cost to ingestion; each page
-- range is summarized by autovacuum once filled (until then it is always read, which is still right).
create index metrics_collected_at on metrics using brin (collected_at) with (autosummarize = on);
-- Webhook deliveries are pruned by age once finished (delivered or given up).
create index webhook_deliveries_finished on webhook_deliveries (created_at) where state <> 'PENDING';

--changeset healthmon:014-rollup-function runOnChange:true splitStatements:false
-- Rolls up the 5-minute buckets that start in [first_bucket, end_bucket) from the reports, then the
-- hours that start in [hour of first_bucket, hour of end_bucket) from the 5-minute buckets; both
-- aligned to the epoch, both written with INSERT ... ON CONFLICT DO UPDATE of absolute values, so
-- rolling a bucket again (a late report, a second instance, a restart) replaces it, never adds to it.
-- A rate's interval starts at the interface's report before, looked for up to max_gap earlier.
-- Returns the number of 5-minute rows written. The server's rollup job and the history benchmark
-- both call it.
create or replace function healthmon_roll_up_metrics(first_bucket timestamptz, end_bucket timestamptz, max_gap interval)
returns integer language plpgsql as $$
declare
    written integer;
    first_hour timestamptz := date_bin('1 hour', first_bucket, timestamptz 'epoch');
    end_hour timestamptz := date_bin('1 hour', end_bucket, timestamptz 'epoch');
begin
    execute 'insert into metrics_5m select * from healthmon_metrics_5m_rows($1, $2, $3) '
            || healthmon_rollup_overwrite('metrics_5m') using first_bucket, end_bucket, max_gap;
    get diagnostics written = row_count;
    if end_hour > first_hour then
        execute 'insert into metrics_1h select * from healthmon_metrics_1h_rows($1, $2) '
                || healthmon_rollup_overwrite('metrics_1h') using first_hour, end_hour;
    end if;
    return written;
end;
$$;

-- The clause that makes an insert into a rollup table write absolute values: a bucket's row already
-- there gets every other column of the new one. It names the table's columns from the catalog, so a
-- column added to the table is overwritten too.
create or replace function healthmon_rollup_overwrite(rollup regclass)
returns text language sql stable as $$
    select 'on conflict (server_ref, bucket) do update set '
           || string_agg(format('%1$I = excluded.%1$I', attname), ', ' order by attnum)
    from pg_attribute
    where attrelid = rollup and attnum > 0 and not attisdropped and attname not in ('server_ref', 'bucket')
$$;

-- The 5-minute buckets that start in [first_bucket, end_bucket), from the reports, as rows of metrics_5m.
-- Stable and a single query, so the planner inlines it into the insert that reads it.
create or replace function healthmon_metrics_5m_rows(first_bucket timestamptz, end_bucket timestamptz, max_gap interval)
returns setof metrics_5m language sql stable as $$
    with scalars as (
        select server_ref, date_bin('5 minutes', collected_at, timestamptz 'epoch') as bucket, count(*) as samples,
               count(cpu_usage) as cpu_n, sum(cpu_usage) as cpu_sum, min(cpu_usage) as cpu_min, max(cpu_usage) as cpu_max,
               count(memory_percentage) as mem_n, sum(memory_percentage) as mem_sum,
               min(memory_percentage) as mem_min, max(memory_percentage) as mem_max,
               count(swap_percentage) as swap_n, sum(swap_percentage) as swap_sum,
               min(swap_percentage) as swap_min, max(swap_percentage) as swap_max,
               count(load_1) as l1_n, sum(load_1) as l1_sum, min(load_1) as l1_min, max(load_1) as l1_max,
               count(load_5) as l5_n, sum(load_5) as l5_sum, min(load_5) as l5_min, max(load_5) as l5_max,
               count(load_15) as l15_n, sum(load_15) as l15_sum, min(load_15) as l15_min, max(load_15) as l15_max,
               max(uptime_seconds) as uptime_max
        from metrics
        where collected_at >= first_bucket and collected_at < end_bucket
        group by 1, 2
    ), disk_rows as (
        select m.server_ref, date_bin('5 minutes', m.collected_at, timestamptz 'epoch') as bucket,
               d ->> 'mountpoint' as mountpoint,
               count((d ->> 'percentage')::double precision) as n, sum((d ->> 'percentage')::double precision) as total,
               count((d ->> 'inodes_percentage')::double precision) as inodes_n,
               sum((d ->> 'inodes_percentage')::double precision) as inodes_total
        from metrics m, jsonb_array_elements(coalesce(m.disk_usage, '[]'::jsonb)) d
        where m.collected_at >= first_bucket and m.collected_at < end_bucket and d ->> 'mountpoint' is not null
        group by 1, 2, 3
    ), disks as (
        select server_ref, bucket, jsonb_object_agg(mountpoint, jsonb_build_object('n', n, 'sum', total,
                   'inodes_n', inodes_n, 'inodes_sum', inodes_total)) as disks
        from disk_rows group by 1, 2
    ), nic_samples as (
        select m.server_ref, m.collected_at, m.uptime_seconds, n ->> 'interface' as name,
               (n ->> 'bytes_recv')::numeric as received, (n ->> 'bytes_sent')::numeric as sent
        from metrics m, jsonb_array_elements(coalesce(m.network, '[]'::jsonb)) n
        where m.collected_at >= first_bucket - max_gap and m.collected_at < end_bucket and n ->> 'interface' is not null
    ), steps as (
        select server_ref, collected_at, name,
               extract(epoch from collected_at - lag(collected_at) over w) as seconds,
               uptime_seconds < lag(uptime_seconds) over w as rebooted,
               received - lag(received) over w as received_delta,
               sent - lag(sent) over w as sent_delta
        from nic_samples
        window w as (partition by server_ref, name order by collected_at)
    ), nic_rows as (
        select server_ref, date_bin('5 minutes', collected_at, timestamptz 'epoch') as bucket, name,
               sum(received_delta) filter (where received_delta >= 0) as rx_bytes,
               sum(seconds) filter (where received_delta >= 0) as rx_seconds,
               sum(sent_delta) filter (where sent_delta >= 0) as tx_bytes,
               sum(seconds) filter (where sent_delta >= 0) as tx_seconds
        from steps
        where collected_at >= first_bucket and seconds > 0 and seconds <= extract(epoch from max_gap)
          and rebooted is not true
        group by 1, 2, 3
    ), network as (
        select server_ref, bucket, jsonb_object_agg(name, jsonb_build_object('rx_bytes', rx_bytes,
                   'rx_seconds', rx_seconds, 'tx_bytes', tx_bytes, 'tx_seconds', tx_seconds)) as network
        from nic_rows group by 1, 2
    )
    select s.*, d.disks, n.network
    from scalars s
    left join disks d on d.server_ref = s.server_ref and d.bucket = s.bucket
    left join network n on n.server_ref = s.server_ref and n.bucket = s.bucket
$$;

-- The hours that start in [first_hour, end_hour), merged from their 5-minute buckets, as rows of metrics_1h.
create or replace function healthmon_metrics_1h_rows(first_hour timestamptz, end_hour timestamptz)
returns setof metrics_1h language sql stable as $$
    with scalars as (
        select server_ref, date_bin('1 hour', bucket, timestamptz 'epoch') as hour, sum(samples) as samples,
               sum(cpu_usage_n) as cpu_n, sum(cpu_usage_sum) as cpu_sum, min(cpu_usage_min) as cpu_min,
               max(cpu_usage_max) as cpu_max,
               sum(memory_percentage_n) as mem_n, sum(memory_percentage_sum) as mem_sum,
               min(memory_percentage_min) as mem_min, max(memory_percentage_max) as mem_max,
               sum(swap_percentage_n) as swap_n, sum(swap_percentage_sum) as swap_sum,
               min(swap_percentage_min) as swap_min, max(swap_percentage_max) as swap_max,
               sum(load_1_n) as l1_n, sum(load_1_sum) as l1_sum, min(load_1_min) as l1_min, max(load_1_max) as l1_max,
               sum(load_5_n) as l5_n, sum(load_5_sum) as l5_sum, min(load_5_min) as l5_min, max(load_5_max) as l5_max,
               sum(load_15_n) as l15_n, sum(load_15_sum) as l15_sum, min(load_15_min) as l15_min,
               max(load_15_max) as l15_max,
               max(uptime_max) as uptime_max
        from metrics_5m
        where bucket >= first_hour and bucket < end_hour
        group by 1, 2
    ), disk_rows as (
        select r.server_ref, date_bin('1 hour', r.bucket, timestamptz 'epoch') as hour, d.key as mountpoint,
               sum((d.value ->> 'n')::bigint) as n, sum((d.value ->> 'sum')::double precision) as total,
               sum((d.value ->> 'inodes_n')::bigint) as inodes_n,
               sum((d.value ->> 'inodes_sum')::double precision) as inodes_total
        from metrics_5m r, jsonb_each(coalesce(r.disks, '{}'::jsonb)) d
        where r.bucket >= first_hour and r.bucket < end_hour
        group by 1, 2, 3
    ), disks as (
        select server_ref, hour, jsonb_object_agg(mountpoint, jsonb_build_object('n', n, 'sum', total,
                   'inodes_n', inodes_n, 'inodes_sum', inodes_total)) as disks
        from disk_rows group by 1, 2
    ), nic_rows as (
        select r.server_ref, date_bin('1 hour', r.bucket, timestamptz 'epoch') as hour, n.key as name,
               sum((n.value ->> 'rx_bytes')::numeric) as rx_bytes, sum((n.value ->> 'rx_seconds')::numeric) as rx_seconds,
               sum((n.value ->> 'tx_bytes')::numeric) as tx_bytes, sum((n.value ->> 'tx_seconds')::numeric) as tx_seconds
        from metrics_5m r, jsonb_each(coalesce(r.network, '{}'::jsonb)) n
        where r.bucket >= first_hour and r.bucket < end_hour
        group by 1, 2, 3
    ), network as (
        select server_ref, hour, jsonb_object_agg(name, jsonb_build_object('rx_bytes', rx_bytes,
                   'rx_seconds', rx_seconds, 'tx_bytes', tx_bytes, 'tx_seconds', tx_seconds)) as network
        from nic_rows group by 1, 2
    )
    select s.*, d.disks, n.network
    from scalars s
    left join disks d on d.server_ref = s.server_ref and d.hour = s.hour
    left join network n on n.server_ref = s.server_ref and n.hour = s.hour
$$;
