package io.github.spellingreports.worker.console;

import java.time.Duration;

import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import io.github.spellingreports.worker.config.AdminAccount;
import io.github.spellingreports.worker.config.WorkerProperties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Migration V12 on an installation that already has two accounts whose names differ only in case
 * (made before V12, when usernames were case-sensitive): the upgrade goes through without the
 * unique index, both accounts keep working, a login in their exact spellings finds each and one in
 * another spelling always finds the same one, and no third spelling can be created.
 */
class UsernameAnyCaseMigrationIntegrationTests {

    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void anInstallationWithTwoAccountsDifferingOnlyInCaseUpgradesAndKeepsBoth() {
        String url = EmbeddedPostgresSupport.separateDatabase("username_any_case_migration");
        SimpleDriverDataSource database = new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "postgres");
        Flyway.configure().dataSource(database).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(database).target("11").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        // "Anna" first: the older account is not the one whose name sorts first
        insert(jdbc, "Anna", "the first Anna's password", "ADMIN");
        insert(jdbc, "anna", "the second anna's password", "EDITOR");

        assertThat(Flyway.configure().dataSource(database).load().migrate().success).isTrue();

        assertThat(jdbc.sql("select count(*) from pg_indexes where indexname = 'app_user_username_any_case'")
                .query(Integer.class).single()).as("no unique index over the two").isZero();
        ConsoleAccounts accounts = new ConsoleAccounts(jdbc, this.passwords, new AdminAccount("admin", "the admin's", false),
                new WorkerProperties(new WorkerProperties.Admin("admin", null), null, Duration.ofDays(14), Duration.ofSeconds(30),
                        new WorkerProperties.Metrics("metrics", null)));
        assertThat(accounts.loadUserByUsername("anna").getUsername()).isEqualTo("anna");
        assertThat(accounts.loadUserByUsername("Anna").getUsername()).isEqualTo("Anna");
        for (int login = 0; login < 5; login++) {
            assertThat(accounts.loadUserByUsername("ANNA").getUsername()).as("the older account, every time")
                    .isEqualTo("Anna");
        }
        assertThat(catchThrowable(() -> accounts.create("aNNa", "a third password", ConsoleAccounts.Role.EDITOR, "test")))
                .hasMessage("An account named aNNa exists already.");
        accounts.create("anna.k", "anna k's own password", ConsoleAccounts.Role.EDITOR, "test");
        assertThat(accounts.list()).extracting(ConsoleAccounts.Account::username).containsExactlyInAnyOrder("Anna", "anna", "anna.k");
    }

    private void insert(JdbcClient jdbc, String username, String password, String role) {
        jdbc.sql("insert into app_user (username, password_hash, role) values (?, ?, ?)")
                .params(username, this.passwords.encode(password), role).update();
    }

}
