-- When an account's password was last set: a console session that logged in before that ends at
-- its next request (on every worker), and the users page shows it.
alter table app_user add column password_changed_at timestamptz not null default now();
