-- Results store: one row per audited account and per rejected input record, per run.
-- Portable SQL: the same migration runs on H2 (default) and PostgreSQL (production).

create table audit_run (
    run_id          varchar(100)  not null primary key,
    policy_name     varchar(64)   not null,
    policy_digest   varchar(64)   not null,
    input           varchar       not null,
    sandbox         boolean       not null,
    extra_columns   varchar       not null,
    state           varchar(16)   not null,
    started_at      timestamp with time zone not null,
    ended_at        timestamp with time zone
);

create index audit_run_policy on audit_run (policy_name, state);

create table audit_result (
    run_id              varchar(100) not null,
    connection_name     varchar(400) not null,
    identifier          varchar      not null,
    input_line          bigint       not null,
    account_id          varchar(64)  not null,
    status              varchar(64)  not null,
    health              varchar(32)  not null,
    findings            varchar(400) not null,
    missing_scopes      varchar      not null,
    granted_scopes      varchar      not null,
    probe_tool          varchar(200) not null,
    probe_outcome       varchar(32)  not null,
    http_status         integer      not null,
    error_code          varchar(200) not null,
    detail              varchar      not null,
    recommended_action  varchar      not null,
    incident            varchar(64)  not null,
    checked_at          timestamp with time zone not null,
    extras              varchar      not null,
    authorization_link  varchar,
    link_expires_at     timestamp with time zone,
    primary key (run_id, connection_name, identifier)
);

create index audit_result_line on audit_result (run_id, input_line);

create table audit_reject (
    run_id      varchar(100) not null,
    input_line  bigint       not null,
    reason      varchar      not null,
    raw         varchar      not null,
    primary key (run_id, input_line)
);
