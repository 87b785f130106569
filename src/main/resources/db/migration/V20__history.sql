-- History (issue "history"): what each account's result says about the runs before it. Portable SQL: the same
-- migration runs on H2 and PostgreSQL. Named V20 so that it never collides with the numbers taken in between.

-- Scalekit's last_used_at as this run read it, before this run's own probe of the account (null when unread, or not
-- trustworthy because an earlier attempt of this run may have probed it already).
alter table audit_result add column last_used_at timestamp with time zone;

-- Filled for the whole run at once when its reports are written, from the previous completed run of the policy
-- (dev.healthaudit.result.RunHistory): its health there, since when its health is what it is now, in how many
-- consecutive runs it was in the re-authentication campaign, and the last use by anything other than this job.
alter table audit_result add column previous_health varchar(32);

alter table audit_result add column health_since timestamp with time zone;

alter table audit_result add column times_asked integer;

alter table audit_result add column last_real_use timestamp with time zone;
