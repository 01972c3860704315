package io.github.spellingreports.worker.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;

import io.github.spellingreports.worker.config.HttpCalls;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Posts an alert to the Slack-compatible webhook as {@code {"text": ...}}, with short connect and
 * read timeouts that bound the whole call; any answer but 2xx is a failure for {@link AlertDelivery}
 * to retry.
 */
@Component
class AlertWebhook {

    private final AlertProperties properties;

    private final HttpClient client;

    private final JsonMapper json = JsonMapper.builder().build();

    AlertWebhook(AlertProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder().connectTimeout(properties.webhookConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void post(String text) throws IOException, InterruptedException {
        if (this.properties.webhookUrl() == null) {
            throw new IllegalStateException("spelling.alerts.webhook-url is not set any more");
        }
        HttpRequest request = HttpRequest.newBuilder(this.properties.webhookUrl())
                .timeout(this.properties.webhookReadTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "spelling-reports/0.1 (+alerts)")
                .POST(HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(Map.of("text", escaped(text)))))
                .build();
        // bounded as a whole: a webhook that answered 200 and never sent its body held the alert thread
        HttpResponse<Void> response;
        try {
            response = HttpCalls.within(this.client, request, HttpResponse.BodyHandlers.discarding(),
                    this.properties.webhookConnectTimeout().plus(this.properties.webhookReadTimeout()));
        }
        catch (HttpTimeoutException ex) {
            throw new HttpTimeoutException("webhook did not answer in full within "
                    + this.properties.webhookConnectTimeout().plus(this.properties.webhookReadTimeout()));
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook answered HTTP " + response.statusCode());
        }
    }

    /**
     * Slack reads {@code <...>} in a message as a link or a mention: a reader's selection
     * {@code <!channel>} notified the whole channel, and {@code <https://evil.example|the page>} showed
     * another address than it led to. The message goes out escaped as Slack asks ({@code &}, {@code <}
     * and {@code >} as entities), which Slack shows as the characters; the reader's text in it stands in code spans
     * ({@link AlertRenderer#literal}), so that it makes no formatting either.
     * @param text the message
     * @return it with {@code &}, {@code <} and {@code >} escaped
     */
    static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

}
