-- Per-run statistics that are not per account. Portable SQL: the same migration runs on H2 and PostgreSQL.

-- API calls by route label (e.g. 'GET /api/v1/connected_accounts/auth'). A resumed run is audited by several
-- processes, so each process adds the calls since its last chunk, in that chunk's transaction.
create table audit_run_api (
    run_id  varchar(100) not null,
    route   varchar(100) not null,
    calls   bigint       not null,
    primary key (run_id, route)
);

-- Retries and time spent waiting on rate budgets, added the same way.
create table audit_run_waits (
    run_id                  varchar(100) not null primary key,
    retries                 bigint       not null,
    rate_limit_wait_nanos   bigint       not null
);

-- Totals of a run, written once when its reports are written, so that the trend over recent runs never scans old
-- results.
create table audit_run_totals (
    run_id          varchar(100) not null primary key,
    policy_name     varchar(64)  not null,
    started_at      timestamp with time zone not null,
    accounts        bigint       not null,
    healthy         bigint       not null,
    problems        bigint       not null,
    user_must_act   bigint       not null,
    rejected        bigint       not null
);

create index audit_run_totals_policy on audit_run_totals (policy_name, started_at);
