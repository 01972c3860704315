package io.github.spellingreports.worker.pagecheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.spellingreports.worker.digest.DigestPreStep;
import io.github.spellingreports.worker.digest.DigestProperties;
import io.github.spellingreports.worker.queue.ErrorNotFoundException;
import io.github.spellingreports.worker.queue.ErrorStatus;
import io.github.spellingreports.worker.queue.InvalidTransitionException;
import io.github.spellingreports.worker.queue.Moderation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Before a digest is built: fetches the page of each error it would list in full on an allowed origin
 * (each page once, a few at a time, within an overall time budget) and marks the errors whose selection
 * is no longer there FIXED, "corrected on the page", by {@code system}; the digest then leaves them out
 * and counts them. Errors the digest only counts are not checked: a backlog of thousands must not mean
 * thousands of fetches.
 */
@Component
class PageCheck implements DigestPreStep {

    static final String NOTE = "corrected on the page";

    private static final Logger log = LoggerFactory.getLogger(PageCheck.class);

    private final JdbcClient jdbc;

    private final PageFetcher fetcher;

    private final Moderation moderation;

    private final PageCheckProperties properties;

    private final DigestProperties digest;

    PageCheck(JdbcClient jdbc, PageFetcher fetcher, Moderation moderation, PageCheckProperties properties,
            DigestProperties digest) {
        this.jdbc = jdbc;
        this.fetcher = fetcher;
        this.moderation = moderation;
        this.properties = properties;
        this.digest = digest;
    }

    @Override
    public Map<String, Integer> run(List<Long> errorIds) {
        if (!this.properties.verifyPages() || this.properties.verifyAllowedOrigins().isEmpty() || errorIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<Candidate>> byPage = new HashMap<>();
        candidates(errorIds).stream().filter((error) -> this.properties.allows(error.pageUrl()))
                .forEach((error) -> byPage.computeIfAbsent(error.pageUrl(), (url) -> new ArrayList<>()).add(error));
        if (byPage.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> settled = new HashMap<>();
        for (Candidate error : correctedErrors(byPage)) {
            if (markFixed(error.id())) {
                settled.merge(this.digest.deskOf(error.pageUrl(), error.lang()), 1, Integer::sum);
            }
        }
        log.info("Page check: {} pages of {} errors checked, {} errors already corrected", byPage.size(), errorIds.size(),
                settled.values().stream().mapToInt(Integer::intValue).sum());
        return settled;
    }

    /**
     * Fetches the pages a few at a time, for at most {@code verify-budget}: a page not checked by then (or whose
     * check failed) changes nothing.
     */
    private List<Candidate> correctedErrors(Map<String, List<Candidate>> byPage) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(this.properties.verifyConcurrency(), byPage.size()));
        List<CompletableFuture<List<Candidate>>> checks = byPage.entrySet().stream()
                .map((page) -> CompletableFuture.supplyAsync(() -> correctedOn(page.getKey(), page.getValue()), pool))
                .toList();
        try {
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new))
                    .get(this.properties.verifyBudget().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            log.warn("Page check: verify-budget {} used up after {} of {} pages; the others are left as they are",
                    this.properties.verifyBudget(), checks.stream().filter(CompletableFuture::isDone).count(), checks.size());
        }
        catch (ExecutionException ex) {
            log.warn("Page check: a page could not be checked, left as it is", ex.getCause());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            pool.shutdownNow();
        }
        return checks.stream().filter((check) -> check.isDone() && !check.isCompletedExceptionally())
                .flatMap((check) -> check.join().stream()).toList();
    }

    private List<Candidate> correctedOn(String pageUrl, List<Candidate> errors) {
        return this.fetcher.text(pageUrl)
                .map((text) -> errors.stream().filter((error) -> PageText.corrected(text, error.contextBefore(),
                        error.selection(), error.contextAfter())).toList())
                .orElse(List.of());
    }

    private boolean markFixed(long errorId) {
        try {
            this.moderation.change(errorId, ErrorStatus.FIXED, Moderation.SYSTEM, Moderation.Via.PAGE_CHECK, NOTE);
            return true;
        }
        catch (ErrorNotFoundException | InvalidTransitionException ex) {
            // an editor (or retention) got there first
            return false;
        }
    }

    /** @return those of the errors still waiting for a digest (an editor may have settled some meanwhile) */
    private List<Candidate> candidates(List<Long> errorIds) {
        return this.jdbc.sql("""
                select id, page_url, lang, selection, context_before, context_after from spelling_error
                 where id = any(?) and status = 'NEW' and report_count > digested_report_count order by id
                """)
                .param(errorIds.toArray(Long[]::new))
                .query((rs, row) -> new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }

    private record Candidate(long id, String pageUrl, String lang, String selection, String contextBefore,
            String contextAfter) {
    }

}
