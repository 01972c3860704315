package io.github.spellingreports.worker.lag;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code lag}: DOWN while the group STALLs or STOPs. Not part of the readiness
 * group (worker.yml): a stuck consumer is an alert, not a reason to take the API out of rotation.
 */
@Component
class LagHealthIndicator implements HealthIndicator {

    private final LagMonitor monitor;

    LagHealthIndicator(LagMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Health health() {
        return this.monitor.latest().map(LagHealthIndicator::health)
                .orElseGet(() -> Health.unknown().withDetail("reason", "no lag sample yet").build());
    }

    private static Health health(LagReport report) {
        Health.Builder health = report.status().isFailure() ? Health.down() : Health.up();
        return health.withDetail("group", report.group())
                .withDetail("status", report.status())
                .withDetail("groupState", report.groupState())
                .withDetail("members", report.members())
                .withDetail("totalLag", report.totalLag())
                .withDetail("maxLagSeconds", report.maxLagSeconds())
                .withDetail("sampledAt", report.sampledAt())
                .withDetail("partitions", report.partitions().stream()
                        .filter((partition) -> partition.status() != LagStatus.OK)
                        .toList())
                .build();
    }

}
