-- Hot-typo alerts (issue 8). An error gets at most one alert per time it is open: the alert is
-- claimed by setting hot_alerted_at with a conditional update. A reopen needs no clearing: it sets
-- status_changed_at, and an alert older than the error's last status change no longer counts.

alter table spelling_error
    add column hot_alerted_at timestamptz;

-- One row per alert, mail and webhook each with their own send state (like digest): a failed
-- send is retried by a poll, a claim keeps two workers from sending the same alert.
create table hot_alert (
    id                      bigint generated always as identity primary key,
    error_id                bigint        not null references spelling_error (id) on delete cascade,
    desk                    varchar(100)  not null,
    report_count            integer       not null,
    created_at              timestamptz   not null default now(),
    -- PENDING, SENT, SKIPPED (no recipients configured)
    mail_status             varchar(16)   not null,
    recipients              text          not null,
    sender                  varchar(320)  not null,
    subject                 varchar(500)  not null,
    body_html               text          not null,
    body_text               text          not null,
    mail_attempts           integer       not null default 0,
    mail_next_attempt_at    timestamptz   not null default now(),
    mail_claimed_until      timestamptz,
    mail_sent_at            timestamptz,
    mail_last_failure       varchar(2000),
    -- NONE (no webhook configured), PENDING, SENT, FAILED (gave up after the configured attempts)
    webhook_status          varchar(16)   not null,
    webhook_text            text          not null,
    webhook_attempts        integer       not null default 0,
    webhook_next_attempt_at timestamptz   not null default now(),
    webhook_claimed_until   timestamptz,
    webhook_sent_at         timestamptz,
    webhook_last_failure    varchar(2000)
);

create index hot_alert_by_error on hot_alert (error_id);
create index hot_alert_mail_due on hot_alert (mail_next_attempt_at) where mail_status = 'PENDING';
create index hot_alert_webhook_due on hot_alert (webhook_next_attempt_at) where webhook_status = 'PENDING';
