-- History (issue "history"): what each account's result says about the runs before it. Portable SQL: the same
-- migration runs on H2 and PostgreSQL, and can be applied again (if not exists). Named V20 so that it never collides
-- with the numbers taken in between.

-- Scalekit's last_used_at as this run read it, before this run's own probe of the account (null when unread, or not
-- trustworthy because an earlier attempt of this run may have probed it already). Written with the result.
alter table audit_result add column if not exists last_used_at timestamp with time zone;

-- One row per result of a run, written for the whole run at once when its reports are written, from the previous
-- completed run's rows of this table (dev.healthaudit.result.RunHistory): its health there, since when its health is
-- what it is now, in how many consecutive runs it was in the re-authentication campaign, and the last use by anything
-- other than this job. A table of its own, inserted in bulk: narrow rows, and no update of the wide results (an update
-- rewrites the whole row and its index entries). health and checked_at repeat the result's, so that the next run and
-- the aggregates read only this table.
create table if not exists audit_history (
    run_id           varchar(100) not null,
    connection_name  varchar(400) not null,
    identifier       varchar      not null,
    health           varchar(32)  not null,
    checked_at       timestamp with time zone not null,
    previous_health  varchar(32),
    health_since     timestamp with time zone not null,
    times_asked      integer      not null,
    last_real_use    timestamp with time zone,
    primary key (run_id, connection_name, identifier)
);
