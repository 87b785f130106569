-- Results as they finish, committed every second or so by a background writer, apart from the chunk transactions:
-- a chunk of a fast run commits every few seconds, a chunk of a slow one may take minutes, and a crash must repeat
-- only the accounts in flight (product §6). A restarted run takes an account's result from here instead of auditing
-- it again; the chunk that stores a result deletes its row, and a completed run deletes what is left.
create table if not exists audit_journal (
    run_id           varchar(100) not null,
    shard            varchar(16)  not null,
    input_line       bigint       not null,
    connection_name  varchar(400) not null,
    identifier       varchar      not null,
    outcome          varchar      not null,
    primary key (run_id, shard, input_line)
);
