-- Data protection: the retention job (worker.retention) deletes old reports, clears old client
-- hashes and deletes long-resolved errors with everything that refers to them.

-- Deleting an error takes its reports with it, like its history and digest items already do
-- (V2, V3). The job deletes the reports explicitly first, to count them; this is the safety net.
alter table report
    drop constraint report_error_id_fkey,
    add constraint report_error_id_fkey foreign key (error_id) references spelling_error (id) on delete cascade;

-- The job looks reports up by age, in bounded batches.
create index report_by_received_at on report (received_at);
create index report_hashed_by_received_at on report (received_at) where client_hash is not null;

-- Resolved errors by the time they were resolved.
create index spelling_error_resolved on spelling_error (status_changed_at) where status <> 'NEW';

create index used_action_link_by_expiry on used_action_link (expires_at);
