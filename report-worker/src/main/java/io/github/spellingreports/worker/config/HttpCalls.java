package io.github.spellingreports.worker.config;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP calls bounded as a whole: a request's own timeout ends when the answer's headers arrive, and
 * the JDK's client then waits for the body without one (Java 17's blocking body stream does not give
 * up its wait when the thread is interrupted either). A server or proxy that answered and then never
 * sent the body it announced held the calling thread for ever. Cancelling the client's future
 * aborts the exchange (since JDK 16) and frees its connection.
 */
public final class HttpCalls {

    private HttpCalls() {
    }

    /**
     * @param limit the longest the whole call, body included, may take
     * @return the answer, its body read by {@code body}
     * @throws HttpTimeoutException when the limit passed first (the exchange cancelled)
     * @throws IOException when the call failed
     */
    public static <T> HttpResponse<T> within(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body,
            Duration limit) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> exchange = client.sendAsync(request, body);
        try {
            return exchange.get(Math.max(0, limit.toNanos()), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + limit);
        }
        catch (InterruptedException ex) {
            exchange.cancel(true);
            throw ex;
        }
        catch (ExecutionException ex) {
            throw (ex.getCause() instanceof IOException failure) ? failure : new IOException(ex.getCause());
        }
    }

}
