-- Accounts whose last attempt met a transient failure (a 429, an outage), waiting for another attempt.
-- A row is written in the chunk transaction that would have stored the account's result, and deleted (or rewritten
-- for the next attempt) in the transaction that stores it, so a crash in either pass loses or repeats nothing.
create table audit_deferred (
    run_id           varchar(100) not null,
    shard            varchar(16)  not null,
    input_line       bigint       not null,
    connection_name  varchar(400) not null,
    identifier       varchar      not null,
    extras           varchar      not null,
    attempts         integer      not null,
    not_before       timestamp with time zone not null,
    reason           varchar      not null,
    primary key (run_id, shard, input_line)
);

create index audit_deferred_account on audit_deferred (run_id, connection_name, identifier);

create index audit_deferred_due on audit_deferred (run_id, shard, not_before);

-- The first pass's input position, written in each chunk's transaction next to Spring Batch's own checkpoint: Batch
-- creates a restarted step's execution with an empty context and copies the previous position into it only in
-- memory, so a process killed before that step's first commit would leave a last execution without a position.
create table audit_checkpoint (
    run_id          varchar(100) not null,
    shard           varchar(16)  not null,
    input_position  bigint       not null,
    primary key (run_id, shard)
);
