package io.github.spellingreports.intake;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The whole intake on a real port against Apache Kafka's in-process KRaft broker, one context for
 * every integration test class that carries this annotation. The loopback address is a trusted
 * proxy, so tests can speak for any reader through {@code X-Forwarded-For}; the salt is fixed so
 * they can compute a reader's hash.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spelling.intake.allowed-origins=https://news.example",
        "spelling.intake.trusted-proxies=127.0.0.1",
        "spelling.intake.client-hash-salt=" + SharedIntakeContext.SALT })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@interface SharedIntakeContext {

    String SALT = "integration-test-salt";

}
