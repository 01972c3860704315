package io.github.spellingreports.worker.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.worker.queue.QueuedError;

/**
 * The errors of one page on a queue page, in queue order.
 *
 * @param url canonical page URL
 * @param title the page title, or the URL when no report had one
 * @param errors its errors, most reported first
 */
record PageGroup(String url, String title, List<QueuedError> errors) {

    /**
     * @param errors errors most reported first
     * @return the errors grouped by page; pages in the order of their most reported error
     */
    static List<PageGroup> of(List<QueuedError> errors) {
        Map<String, List<QueuedError>> byPage = new LinkedHashMap<>();
        errors.forEach((error) -> byPage.computeIfAbsent(error.pageUrl(), (url) -> new ArrayList<>()).add(error));
        return byPage.entrySet().stream().map((page) -> new PageGroup(page.getKey(), title(page.getValue()),
                List.copyOf(page.getValue()))).toList();
    }

    private static String title(List<QueuedError> errors) {
        return errors.stream().map(QueuedError::pageTitle).filter((title) -> title != null && !title.isBlank())
                .findFirst().orElse(errors.get(0).pageUrl());
    }

}
