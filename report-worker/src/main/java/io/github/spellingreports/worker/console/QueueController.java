package io.github.spellingreports.worker.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.spellingreports.worker.digest.TextFragmentLink;
import io.github.spellingreports.worker.queue.ErrorPage;
import io.github.spellingreports.worker.queue.ErrorQueue;
import io.github.spellingreports.worker.queue.ErrorStatus;
import io.github.spellingreports.worker.queue.Moderation;
import io.github.spellingreports.worker.queue.QueueFilter;
import io.github.spellingreports.worker.queue.QueuedError;
import io.github.spellingreports.worker.queue.WithoutNul;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The queue page: errors grouped by page, filters, single and bulk status changes.
 */
@Controller
class QueueController {

    static final int PAGE_SIZE = 25;

    private final ErrorQueue queue;

    private final Moderation moderation;

    QueueController(ErrorQueue queue, Moderation moderation) {
        this.queue = queue;
        this.moderation = moderation;
    }

    @GetMapping("/")
    String root() {
        return "redirect:/console";
    }

    @GetMapping({ "/console", "/console/", "/console/queue" })
    String queue(@RequestParam(defaultValue = "NEW") ErrorStatus status,
            @RequestParam(required = false) @WithoutNul String lang,
            @RequestParam(required = false) @WithoutNul String pageUrl,
            @RequestParam(required = false) @WithoutNul String q,
            @RequestParam(defaultValue = "false") boolean exactPage,
            @RequestParam(defaultValue = "0") int page, Model model) {
        QueueFilter filter = new QueueFilter(status, cut(lang, 35), cut(pageUrl, 2048), cut(q, 200), exactPage);
        ErrorPage errors = this.queue.find(filter, Math.max(page, 0), PAGE_SIZE);
        if (errors.content().isEmpty() && errors.page() > 0) {
            // past the end: the last page emptied by a bulk action, or an old link; show the last page there is
            errors = this.queue.find(filter, Math.max(errors.totalPages() - 1, 0), PAGE_SIZE);
        }
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", ErrorStatus.values());
        model.addAttribute("errors", errors);
        model.addAttribute("groups", PageGroup.of(errors.content()));
        model.addAttribute("textLinks", textLinks(errors.content()));
        model.addAttribute("actions", actions(status));
        model.addAttribute("back", back(filter, errors.page()));
        return "console/queue";
    }

    /**
     * Changes the picked errors and returns to the queue as the editor left it: its filters and its
     * page, each a parameter of the redirect that Spring encodes (a search for {@code C++} or
     * {@code {city}} comes back as typed).
     */
    @PostMapping("/console/queue/status")
    String changeAll(@RequestParam(name = "id", required = false) List<Long> ids, @RequestParam ErrorStatus status,
            @RequestParam(defaultValue = "NEW") ErrorStatus filterStatus,
            @RequestParam(required = false) @WithoutNul String lang,
            @RequestParam(required = false) @WithoutNul String pageUrl,
            @RequestParam(required = false) @WithoutNul String q,
            @RequestParam(defaultValue = "false") boolean exactPage,
            @RequestParam(defaultValue = "0") int page, Principal user, RedirectAttributes redirect) {
        if (ids == null || ids.isEmpty()) {
            redirect.addFlashAttribute("problem", "Select at least one error.");
        }
        else {
            int changed = this.moderation.changeAll(ids, status, user.getName(), Moderation.Via.CONSOLE, null);
            redirect.addFlashAttribute("message", changed + (changed == 1 ? " error" : " errors") + " marked "
                    + status.name().toLowerCase() + (changed < ids.size() ? " (" + (ids.size() - changed)
                            + " could not change: changed meanwhile, or gone)" : "") + ".");
        }
        redirect.addAttribute("status", filterStatus);
        addIfPresent(redirect, "lang", lang);
        addIfPresent(redirect, "pageUrl", pageUrl);
        addIfPresent(redirect, "q", q);
        if (exactPage && StringUtils.hasText(pageUrl)) {
            redirect.addAttribute("exactPage", true);
        }
        if (page > 0) {
            redirect.addAttribute("page", page);
        }
        return "redirect:/console/queue";
    }

    private static void addIfPresent(RedirectAttributes redirect, String name, String value) {
        if (StringUtils.hasText(value)) {
            redirect.addAttribute(name, value);
        }
    }

    /**
     * The queue as the editor sees it (filters and page), for an error's page to lead back to: a query
     * string of form-encoded values, empty for the queue's first page unfiltered.
     */
    static String back(QueueFilter filter, int page) {
        StringBuilder query = new StringBuilder();
        if (filter.status() != ErrorStatus.NEW) {
            append(query, "status", filter.status().name());
        }
        append(query, "lang", filter.lang());
        append(query, "pageUrl", filter.pageUrl());
        append(query, "q", filter.q());
        if (filter.exactPage()) {
            append(query, "exactPage", "true");
        }
        if (page > 0) {
            append(query, "page", Integer.toString(page));
        }
        return query.toString();
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /**
     * @param back what an error's page was given to lead back to
     * @return the queue's address with it, if it is a query string as {@link #back} makes them; the
     *         queue's first page otherwise (nothing else goes into the link: no other address, no markup)
     */
    static String queueAddress(String back) {
        return isBack(back) ? QUEUE + "?" + back : QUEUE;
    }

    /** @return whether an error's page was given a way back as {@link #back} makes them */
    static boolean isBack(String back) {
        return back != null && !back.isEmpty() && back.length() <= 3000 && BACK.matcher(back).matches();
    }

    /** The queue's address: its first page, unfiltered. */
    static final String QUEUE = "/console/queue";

    /** What {@link #back} writes: names and form-encoded values. */
    private static final Pattern BACK = Pattern.compile("[A-Za-z]+=[A-Za-z0-9.*_+%-]*(&[A-Za-z]+=[A-Za-z0-9.*_+%-]*)*");

    /** @return the statuses an error in {@code status} can move to, for the action buttons */
    static List<ErrorStatus> actions(ErrorStatus status) {
        return List.of(ErrorStatus.values()).stream().filter(status::canChangeTo).toList();
    }

    /** For the template: the page link that scrolls to the error's text. */
    static String textLink(QueuedError error) {
        return TextFragmentLink.of(error.pageUrl(), error.contextBefore(), error.selection(), error.contextAfter());
    }

    private static Map<Long, String> textLinks(List<QueuedError> errors) {
        Map<Long, String> links = new HashMap<>();
        errors.forEach((error) -> links.put(error.id(), textLink(error)));
        return links;
    }

    private static String cut(String text, int max) {
        return (text != null && text.length() > max) ? text.substring(0, max) : text;
    }

}
