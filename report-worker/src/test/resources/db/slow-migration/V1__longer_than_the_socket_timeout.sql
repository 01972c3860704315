-- DatabaseConfigurationIntegrationTests: a migration that runs longer than the pool's socket timeout
create table slow_migration_done (id int);
select pg_sleep(2);
