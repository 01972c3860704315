-- Alert mails of one desk at most every spelling.alerts.mail-interval (issue 7: a drained backlog or
-- a slip on many pages made thousands of errors hot within minutes). Each alert records when its mail
-- was first due: at once, or the desk's next free slot, which the alerts found meanwhile share. A
-- failed send moves mail_next_attempt_at, never this.
alter table hot_alert
    add column mail_scheduled_at timestamptz;

create index hot_alert_mail_slot on hot_alert (desk, mail_scheduled_at);
