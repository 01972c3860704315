-- A username is one account whatever its case: an editor whose phone capitalises "anna" as "Anna"
-- logs in, and no one can be given a second account that differs only in case. An installation that
-- already has two such accounts keeps them (the index is not created; a login picks the exact
-- spelling first), and the worker creates no new ones either way.
do $$
begin
    if not exists (select 1 from app_user group by lower(username) having count(*) > 1) then
        create unique index app_user_username_any_case on app_user (lower(username));
    end if;
end
$$;
