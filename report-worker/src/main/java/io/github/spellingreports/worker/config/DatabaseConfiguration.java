package io.github.spellingreports.worker.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * How long the worker waits for PostgreSQL's answer ({@code spelling.worker.database-socket-timeout}):
 * every pooled connection gives up a statement the database never answers, so that the consumer
 * retries its poll on a new connection and a page answers 503; Flyway's migrations, which may rightly
 * run for long on a large table, wait for as long as they take.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** pgjdbc's name of the setting (whole seconds, 0: none). */
    static final String SOCKET_TIMEOUT = "socketTimeout";

    // static, and the properties looked up only when the pool is made: a post-processor is created early
    @Bean
    static BeanPostProcessor databaseSocketTimeout(ObjectProvider<WorkerProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool) {
                    pool.addDataSourceProperty(SOCKET_TIMEOUT,
                            Long.toString(seconds(properties.getObject().databaseSocketTimeout())));
                }
                return bean;
            }
        };
    }

    @Bean
    FlywayConfigurationCustomizer migrationsWithoutSocketTimeout() {
        return (configuration) -> configuration.dataSource(withoutSocketTimeout(configuration.getDataSource()));
    }

    /** A data source whose connections wait for the database's answers for as long as they take. */
    static DataSource withoutSocketTimeout(DataSource dataSource) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                // Hikari puts the pool's timeout back when the connection is returned
                connection.setNetworkTimeout(Runnable::run, 0);
                return connection;
            }
        };
    }

    /** Whole seconds, rounded up: a timeout of 500 ms must not become none. */
    static long seconds(Duration timeout) {
        return (timeout.toMillis() + 999) / 1000;
    }

}
