-- Rate budgets shared by the shards of one run: one Bucket4j token bucket per budget and run, kept by Bucket4j's
-- PostgreSQL proxy (select ... for update on the row). id is '<run id>/environment' or '<run id>/connection/<name>';
-- state is Bucket4j's serialized bucket. Portable SQL: H2 (which never holds shared buckets: they are used on
-- PostgreSQL only) reads bytea as its alias of varbinary, so the same migration runs on both.
create table rate_budget_bucket (
    id     varchar not null primary key,
    state  bytea
);
