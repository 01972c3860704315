package io.github.spellingreports.worker.lag;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code kafka} (Boot has none): UP when the cluster answers a describe within
 * {@code spelling.worker.lag.request-timeout}.
 */
@Component
class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;

    private final LagProperties properties;

    KafkaHealthIndicator(Admin lagAdmin, LagProperties properties) {
        super("Kafka health check failed");
        this.admin = lagAdmin;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        long timeout = this.properties.requestTimeout().toMillis();
        DescribeClusterResult cluster = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout));
        String clusterId = cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS);
        int nodes = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes);
    }

}
