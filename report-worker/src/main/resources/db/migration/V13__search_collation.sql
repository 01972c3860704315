-- The queue's text search (ILIKE) folds case by the database's locale. In the C locale (the
-- standalone's PostgreSQL when initdb ran without LANG, under a service manager or in a container;
-- or a DBA's choice) only ASCII letters fold, and "москва" did not find "Москва". The search compares
-- in this collation instead: ICU's root locale where the database's own does not fold letters
-- outside ASCII and the server has ICU, the database's own locale otherwise (unchanged).
do $$
declare
    database pg_database%rowtype;
begin
    select * into database from pg_database where datname = current_database();
    if database.datctype in ('C', 'POSIX') and exists (select 1 from pg_collation where collprovider = 'i') then
        create collation spelling_search (provider = icu, locale = 'und');
    else
        execute format('create collation spelling_search (lc_collate = %L, lc_ctype = %L)',
                       database.datcollate, database.datctype);
    end if;
end
$$;
