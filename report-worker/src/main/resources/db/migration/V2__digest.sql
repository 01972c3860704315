-- The digest archive. A digest is recorded (bodies, recipients, counts) before it is sent, so an
-- SMTP outage or a crash loses nothing: the resend poll delivers what is still PENDING.

create table digest (
    id              bigint generated always as identity primary key,
    -- the scheduled fire time (truncated to the minute) a scheduled digest was built for; workers
    -- race to insert it, so one cluster builds one digest per slot. Null for manual digests.
    slot            timestamptz   unique,
    status          varchar(16)   not null default 'PENDING',
    subject         varchar(500)  not null,
    mail_from       varchar(320)  not null,
    -- comma-separated addresses, as they were when the digest was built
    recipients      text          not null,
    html_body       text          not null,
    text_body       text          not null,
    error_count     integer       not null,
    -- reports new since the previous digest, summed over its errors
    report_count    integer       not null,
    created_at      timestamptz   not null default now(),
    sent_at         timestamptz,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null default now(),
    last_failure    text,
    -- a sender owns the digest until then; an expired claim (crashed sender) can be taken over
    claimed_until   timestamptz,
    constraint digest_status check (status in ('PENDING', 'SENT'))
);

create index digest_pending on digest (next_attempt_at) where status = 'PENDING';

create table digest_item (
    digest_id    bigint  not null references digest (id) on delete cascade,
    -- the archive keeps its bodies; deleting (purging) an error only drops its items
    error_id     bigint  not null references spelling_error (id) on delete cascade,
    -- the error's report count when the digest was built
    report_count integer not null,
    -- how many of those were new since the previous digest
    new_reports  integer not null,
    primary key (digest_id, error_id)
);

create index digest_item_by_error on digest_item (error_id);
