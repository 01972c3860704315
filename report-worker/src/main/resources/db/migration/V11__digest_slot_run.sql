-- The scheduled digest runs, those that found nothing new (and built no digest) included: a worker
-- that starts after a scheduled time at which no worker ran (all were down, or being upgraded)
-- builds that slot's digest then, and only a slot without a run. Only the latest slot is ever
-- looked up; older rows are deleted as new runs are recorded.
create table digest_slot_run (
    slot   timestamptz primary key,
    ran_at timestamptz not null default now()
);
