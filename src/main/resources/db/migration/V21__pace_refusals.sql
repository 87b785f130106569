-- A deferred account's refusals of the environment's rate (Scalekit's own 429 RATE_LIMITED), tallied apart from the
-- failures that the policy's retry.max-attempts bounds: they are the job's pace, not the account's trouble.
alter table audit_deferred add column if not exists pace_refusals integer not null default 0;
