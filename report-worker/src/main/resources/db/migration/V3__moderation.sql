-- Moderation: error statuses with an audit trail, console accounts, used one-click digest links,
-- and digests per desk (routing).

alter table spelling_error
    -- set when a FIXED error got a new report and was reopened; cleared by the next moderation
    add column reported_after_fix boolean     not null default false,
    add column status_changed_at  timestamptz,
    add constraint spelling_error_status check (status in ('NEW', 'FIXED', 'DISMISSED', 'SPAM'));

-- digested_report_count now means "reports no digest needs to announce any more": a moderation
-- decision settles the reports the error had, so after a reopen only the later ones show as new.

create index spelling_error_by_page on spelling_error (page_url text_pattern_ops);

create table status_change (
    id          bigint generated always as identity primary key,
    error_id    bigint        not null references spelling_error (id) on delete cascade,
    from_status varchar(16)   not null,
    to_status   varchar(16)   not null,
    -- a login name, or 'system' for an automatic reopen
    changed_by  varchar(100)  not null,
    -- console, api, digest link, report
    via         varchar(32)   not null,
    note        varchar(1000),
    changed_at  timestamptz   not null default now()
);

create index status_change_by_error on status_change (error_id, changed_at);

-- Console accounts besides the configured administrator.
create table app_user (
    id            bigint generated always as identity primary key,
    username      varchar(100)  not null unique,
    -- DelegatingPasswordEncoder format, e.g. {bcrypt}$2a$10$...
    password_hash varchar(500)  not null,
    role          varchar(16)   not null,
    enabled       boolean       not null default true,
    created_at    timestamptz   not null default now(),
    constraint app_user_role check (role in ('EDITOR', 'ADMIN'))
);

-- Signatures of one-click digest links that were acted on: a link works once.
create table used_action_link (
    signature  varchar(64)  primary key,
    error_id   bigint       not null,
    action     varchar(16)  not null,
    used_at    timestamptz  not null default now(),
    -- rows past this can be deleted: the link is refused as expired anyway
    expires_at timestamptz  not null
);

-- One digest per desk and slot: routing rules send some errors to their own recipients.
alter table digest
    add column desk varchar(100) not null default 'default',
    drop constraint digest_slot_key,
    add constraint digest_slot_desk unique (slot, desk);
