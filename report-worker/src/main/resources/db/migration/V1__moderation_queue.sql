-- The moderation queue. An error is one distinct (canonical page URL, selection in context);
-- a report is one reader's submission of it. One SQL dialect: PostgreSQL.

create table spelling_error (
    id                    bigint generated always as identity primary key,
    dedup_key             varchar(64)   not null unique,
    page_url              varchar(2048) not null,
    page_title            varchar(500),
    lang                  varchar(35),
    selection             text          not null,
    context_before        text          not null default '',
    context_after         text          not null default '',
    report_count          integer       not null default 0,
    -- how many of report_count the last digest that listed this error already covered
    digested_report_count integer       not null default 0,
    status                varchar(16)   not null default 'NEW',
    first_reported_at     timestamptz   not null,
    last_reported_at      timestamptz   not null
);

create index spelling_error_by_status on spelling_error (status, report_count desc, id);

create table report (
    report_id   uuid         primary key,
    error_id    bigint       not null references spelling_error (id),
    received_at timestamptz  not null,
    comment     text,
    lang        varchar(35),
    client_hash varchar(64),
    stored_at   timestamptz  not null default now()
);

create index report_by_error on report (error_id, received_at);
