package io.github.spellingreports.intake.abuse;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Applies the rate limits to reports before their body is read. An interceptor rather than a filter:
 * it runs after CORS handling, so a browser on an allowed site can read the 429 and its
 * {@code Retry-After}, not just see a failed request. A reader over its own limits gets 429; a
 * reader refused only because all readers together are over the global ceiling gets 503, like a
 * report Kafka could not take, so that the report is sent again later rather than dropped.
 */
class RateLimitInterceptor implements HandlerInterceptor {

    private final RateLimiter limiter;

    private final Clients clients;

    private final Refusals refusals;

    RateLimitInterceptor(RateLimiter limiter, Clients clients, Refusals refusals) {
        this.limiter = limiter;
        this.clients = clients;
        this.refusals = refusals;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // Reports are answered asynchronously: the answer's ASYNC dispatch runs the interceptors again,
        // and must not count the same report a second time.
        if (request.getDispatcherType() != DispatcherType.REQUEST || CorsUtils.isPreFlightRequest(request)
                || !"POST".equals(request.getMethod())) {
            return true;
        }
        RateLimiter.Decision decision = limiter.tryAcquire(clients.limitKey(request));
        if (!decision.allowed() && decision.globalOnly()) {
            // Everyone together is over the ceiling, not this reader: "busy, send it again", which the widget
            // keeps and sends again later, not "you sent too many", after which it lets the report go.
            refusals.overGlobalLimit();
            throw RateLimitedException.intakeBusy(decision.retryAfterSeconds());
        }
        if (!decision.allowed()) {
            refusals.rateLimited();
            throw RateLimitedException.tooManyReports(decision.retryAfterSeconds());
        }
        return true;
    }

}
