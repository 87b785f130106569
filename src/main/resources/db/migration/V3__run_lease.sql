-- One lease per policy: at most one process runs (or resumes) a policy's audit at a time, also across hosts
-- sharing one database. A lease that is not renewed expires, so a killed process never blocks the next start.
create table if not exists audit_lease (
    lease_key   varchar(200) not null primary key,
    owner       varchar(200) not null,
    expires_at  timestamp with time zone not null
);
