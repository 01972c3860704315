package io.github.spellingreports.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the worker itself ({@code spelling.worker.*}).
 *
 * @param admin the administrator account
 */
@Validated
@ConfigurationProperties("spelling.worker")
public record WorkerProperties(@Valid @NotNull @DefaultValue Admin admin) {

    /**
     * The administrator account, which can use the API and every console page.
     *
     * @param username login name of the administrator
     * @param password password of the administrator; from the environment
     *        ({@code SPELLING_WORKER_ADMIN_PASSWORD}); when empty a random one is generated and logged once
     */
    public record Admin(@NotBlank @DefaultValue("admin") String username, String password) {
    }

}
