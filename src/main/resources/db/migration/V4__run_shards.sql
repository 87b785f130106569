-- Sharded runs: each shard process records here when its slice is audited; the last one writes the report.
create table if not exists audit_run_shard (
    run_id       varchar(100) not null,
    shard_index  integer      not null,
    shard_count  integer      not null,
    finished_at  timestamp with time zone not null,
    primary key (run_id, shard_index)
);
