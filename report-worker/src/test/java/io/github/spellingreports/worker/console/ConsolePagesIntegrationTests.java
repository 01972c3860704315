package io.github.spellingreports.worker.console;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.github.spellingreports.worker.digest.DigestService;
import io.github.spellingreports.worker.digest.DigestSummary;
import io.github.spellingreports.worker.queue.ErrorQueue;
import io.github.spellingreports.worker.queue.ErrorStatus;
import io.github.spellingreports.worker.queue.Moderation;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The console pages as an editor sees them: the error page with reports and history, the digest
 * archive with the mail in a sandbox, and reader text that never becomes markup.
 */
class ConsolePagesIntegrationTests extends WorkerIntegrationTestSupport {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Moderation moderation;

    @Autowired
    DigestService digests;

    MockMvc mvc;

    ConsoleTestData data;

    @BeforeEach
    void setUp() {
        this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
        this.data = new ConsoleTestData(this.jdbc);
    }

    @Test
    void errorPageShowsReportsAndHistoryWithReaderTextEscaped() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "<img src=x onerror=alert(1)>",
                "<script>alert(2)</script>", " after", "<a href=\"javascript:x()\">click</a>");
        this.moderation.change(id, ErrorStatus.DISMISSED, "ed", Moderation.Via.CONSOLE, "<i>style</i>");

        Document page = page("/console/errors/" + id);

        assertThat(page.select("script:not([src])")).isEmpty();
        assertThat(page.select("img, a[href^=javascript], i")).isEmpty();
        assertThat(page.selectFirst(".context mark").text()).isEqualTo("<script>alert(2)</script>");
        assertThat(page.selectFirst("#reports .comment").text()).isEqualTo("<a href=\"javascript:x()\">click</a>");
        assertThat(page.selectFirst("#history").text()).contains("NEW → DISMISSED", "ed", "(console)", "<i>style</i>");
        assertThat(page.selectFirst("#status").text()).isEqualTo("DISMISSED");
        assertThat(page.select(".status-form button")).extracting((button) -> button.attr("value")).containsExactly("NEW");
    }

    /** Pages are stored as browsers send them: a site on пример.рф is shown as its editors read it, and linked as it is. */
    @Test
    void pagesOfASiteInCyrillicAreShownByTheirAddressesAsRead() throws Exception {
        String section = UUID.randomUUID().toString();
        String news = "https://xn--e1afmkfd.xn--p1ai/" + section + "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8";
        long untitled = this.data.error(news, null, "Всем ", "превет", " из редакции", null);
        long titled = this.data.error(news + "/2", "Новости", "Наш ", "чемпеон", " победил", null);

        // the address as an editor types it finds the pages
        Document queue = page("/console/queue?pageUrl=https://пример.рф/" + section + "/новости");
        assertThat(queue.select(".page-group h2 a")).extracting(Element::text)
                .containsExactlyInAnyOrder("https://пример.рф/" + section + "/новости", "Новости");
        assertThat(queue.select(".page-url")).extracting(Element::text).containsExactly("https://пример.рф/" + section + "/новости/2");
        assertThat(queue.selectFirst("input[name=pageUrl]").val()).as("the filter as typed")
                .isEqualTo("https://пример.рф/" + section + "/новости");
        Document page = page("/console/errors/" + untitled);
        assertThat(page.selectFirst("h2 a").text()).isEqualTo("https://пример.рф/" + section + "/новости");
        assertThat(page.selectFirst("h2 a").attr("href")).isEqualTo(news);
        assertThat(page("/console/errors/" + titled).selectFirst(".page-url").text())
                .isEqualTo("https://пример.рф/" + section + "/новости/2");
    }

    @Test
    void aViralErrorShowsItsLatestCommentsInTheQueueAndItsReportsAPageAtATime() throws Exception {
        String pageUrl = ConsoleTestData.uniquePage();
        long id = this.data.error(pageUrl, "A ", "viral", " typo", "the newest");
        Instant start = Instant.now();
        for (int i = 1; i <= 230; i++) {
            // a minute older each: comment 1 is the newest after the first report's
            this.data.addReport(id, start.minusSeconds(60L * i), "comment " + i);
        }

        Document queue = page("/console/queue?pageUrl=" + pageUrl);
        assertThat(queue.select("[data-error-id=" + id + "] .comments li").eachText()).hasSize(ErrorQueue.COMMENTS_LISTED)
                .startsWith("comment 9").endsWith("comment 2", "comment 1", "the newest");
        // to the error's reports, and from there back to this queue
        assertThat(queue.selectFirst("[data-error-id=" + id + "] .more-comments a").attr("href"))
                .isEqualTo("/console/errors/" + id + "?back=" + encode("pageUrl=" + encode(pageUrl)) + "#reports-title");

        Document first = page("/console/errors/" + id);
        assertThat(first.selectFirst("#reports-title").text()).isEqualTo("Reports (231)");
        assertThat(first.select("#reports tbody tr")).hasSize(ErrorPageController.REPORTS_PER_PAGE);
        assertThat(first.select("#reports .comment").eachText()).startsWith("the newest", "comment 1").endsWith("comment 99");
        assertThat(first.selectFirst(".pager").text()).isEqualTo("Page 1 of 3 Older →");
        assertThat(first.selectFirst(".range").text()).isEqualTo("Newest first, 100 a page: 1 to 100.");

        assertThat(first.selectFirst(".pager a").attr("href")).isEqualTo("/console/errors/" + id + "?page=1#reports-title");
        Document last = page("/console/errors/" + id + "?page=2");
        assertThat(last.select("#reports .comment").eachText())
                .containsExactlyElementsOf(IntStream.rangeClosed(200, 230).mapToObj((i) -> "comment " + i).toList());
        assertThat(last.selectFirst(".pager").text()).isEqualTo("← Newer Page 3 of 3");
        assertThat(last.selectFirst(".range").text()).isEqualTo("Newest first, 100 a page: 201 to 231.");
        // past the end (an old link): the last page, not an empty table under "Page 10 of 3"
        Document past = page("/console/errors/" + id + "?page=9");
        assertThat(past.select("#reports .comment").eachText()).isEqualTo(last.select("#reports .comment").eachText());
        assertThat(past.selectFirst("#reports-title").text()).isEqualTo("Reports (231)");
        assertThat(past.selectFirst(".pager").text()).isEqualTo("← Newer Page 3 of 3");

        // counts as editors read them
        this.jdbc.sql("update spelling_error set report_count = 50000 where id = ?").param(id).update();
        assertThat(page("/console/queue?pageUrl=" + pageUrl).selectFirst("[data-error-id=" + id + "] .count").text())
                .isEqualTo("50,000 reports");
        assertThat(page("/console/errors/" + id).selectFirst(".count").text()).isEqualTo("50,000 reports");
    }

    /**
     * A digest's link to one page's errors (the pages it only counts): "This page only". As a prefix,
     * the page's address took in every page under it, and {@code ?id=12} also {@code ?id=123}: the
     * editor came to a list that was not the one the digest counted.
     */
    @Test
    void thisPageOnlyListsThePageItselfAndNotThePagesItsAddressBegins() throws Exception {
        String pageUrl = ConsoleTestData.uniquePage() + "?id=12";
        long page = this.data.error(pageUrl, "The ", "pagge", " itself", null);
        long longer = this.data.error(pageUrl + "3", "Another ", "pagge", " under it", null);

        Document prefix = page(address("/console/queue?pageUrl=" + encode(pageUrl)));
        assertThat(prefix.select("[data-error-id]").eachAttr("data-error-id")).contains(Long.toString(page), Long.toString(longer));
        assertThat(prefix.selectFirst("input[name=exactPage]").hasAttr("checked")).isFalse();

        Document exact = page(address("/console/queue?exactPage=true&pageUrl=" + encode(pageUrl)));
        assertThat(exact.select("[data-error-id]").eachAttr("data-error-id")).containsExactly(Long.toString(page));
        assertThat(exact.selectFirst("input[name=exactPage]").hasAttr("checked")).isTrue();
        assertThat(bulk(exact, "FIXED", Long.toString(page)).getRedirectedUrl()).as("kept by a bulk action")
                .isEqualTo("/console/queue?status=NEW&pageUrl=" + encode(pageUrl) + "&exactPage=true");
        assertThat(exact.selectFirst("[data-error-id=" + page + "] a:contains(Details)").attr("href"))
                .as("the way back").contains(encode("exactPage=true"));
    }

    /**
     * Two editors (or a double press) mark an error fixed: the second was told to "reopen it (NEW)
     * first", and the note written for the change was gone.
     */
    @Test
    void aSecondFixSaysTheErrorIsFixedAlreadyAndKeepsTheNote() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "teh", " cat", null);
        this.mvc.perform(post("/console/errors/{id}/status", id).param("status", "FIXED").with(csrf())
                .with(user("ann").roles("EDITOR"))).andExpect(status().isFound());

        this.mvc.perform(post("/console/errors/{id}/status", id).param("status", "FIXED").param("note", "corrected in the CMS")
                .with(csrf()).with(user("ed").roles("EDITOR"))).andExpect(status().isFound())
                .andExpect(flash().attribute("problem",
                        "Error " + id + " is FIXED already (changed meanwhile: see its history); nothing was changed."))
                .andExpect(flash().attribute("note", "corrected in the CMS"));
        Document page = Jsoup.parse(this.mvc.perform(get("/console/errors/{id}", id).flashAttr("note", "corrected in the CMS")
                .with(user("ed").roles("EDITOR"))).andReturn().getResponse().getContentAsString());
        assertThat(page.selectFirst("textarea[name=note]").val()).isEqualTo("corrected in the CMS");
    }

    /** An error whose old reports the retention job deleted says why its count is higher than the reports listed. */
    @Test
    void anErrorWithReportsDeletedByRetentionSaysWhyItListsFewer() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "retaind", " count", null);
        this.data.addReports(id, 3, null);
        assertThat(page("/console/errors/" + id).selectFirst("#reports-kept")).as("all kept").isNull();

        this.jdbc.sql("delete from report where error_id = ? and received_at < now() - interval '90 minutes'").param(id).update();

        assertThat(page("/console/errors/" + id).selectFirst("#reports-kept").text()).isEqualTo("The 2 kept of its 4: "
                + "older reports are deleted after spelling.worker.retention.reports, the count stays.");
    }

    /**
     * An error's page is inside the queue, not the queue: the Queue link says it is the current
     * section, not the current page, which screen readers would announce the page as.
     */
    @Test
    void aPageInsideASectionMarksItsLinkAsTheCurrentSectionNotTheCurrentPage() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);

        assertThat(page("/console/queue").select("nav a[aria-current]")).singleElement()
                .satisfies((link) -> assertThat(link.attr("aria-current")).isEqualTo("page"));
        Document error = page("/console/errors/" + id);
        assertThat(error.select("nav a[aria-current]")).singleElement().satisfies((link) -> {
            assertThat(link.text()).isEqualTo("Queue");
            assertThat(link.attr("aria-current")).isEqualTo("true");
            assertThat(link.hasClass("active")).isTrue();
        });
    }

    /** A filter that matches nothing says so; "The queue is clear" was said of it too. */
    @Test
    void anEmptyResultSaysWhetherTheQueueIsClearOrTheFilterMatchesNothing() throws Exception {
        assertThat(page("/console/queue?q=no-such-typo-anywhere-" + System.nanoTime()).selectFirst(".empty").text())
                .isEqualTo("No new errors match these filters.");
        assertThat(page("/console/queue?status=SPAM&lang=xx").selectFirst(".empty").text())
                .isEqualTo("No spam errors match these filters.");
    }

    /**
     * A bulk action returns to the queue as the editor left it: the same filters, a search for
     * {@code C++ {city}} among them (it came back as "C  " and, with its braces, as the 500 page
     * after the change was made), and the same page; a page emptied by the action shows the last
     * page there is.
     */
    @Test
    void aBulkActionReturnsToTheFiltersAndThePageTheEditorWasOn() throws Exception {
        String pageUrl = lessons(QueueController.PAGE_SIZE + 2);
        Document second = page(address("/console/queue?pageUrl=" + encode(pageUrl) + "&q=" + encode(SEARCH) + "&page=1"));
        assertThat(second.selectFirst(".pager span").text()).isEqualTo("Page 2 of 2");
        List<String> onSecond = second.select("article.error-card").eachAttr("data-error-id");
        assertThat(onSecond).hasSize(2);

        MockHttpServletResponse afterOne = bulk(second, "FIXED", onSecond.get(0));
        assertThat(afterOne.getRedirectedUrl()).isEqualTo("/console/queue?status=NEW&pageUrl=" + encode(pageUrl)
                + "&q=" + encode(SEARCH) + "&page=1");
        Document back = page(address(afterOne.getRedirectedUrl()));
        assertThat(back.selectFirst("input[name=q]").val()).isEqualTo(SEARCH);
        assertThat(back.selectFirst(".pager span").text()).isEqualTo("Page 2 of 2");
        assertThat(back.select("article.error-card").eachAttr("data-error-id")).containsExactly(onSecond.get(1));

        // the last one on page 2: the queue has one page left, and shows it
        Document last = page(address(bulk(back, "DISMISSED", onSecond.get(1)).getRedirectedUrl()));
        assertThat(last.select("article.error-card")).hasSize(QueueController.PAGE_SIZE);
        assertThat(last.selectFirst("input[name=q]").val()).isEqualTo(SEARCH);
    }

    /**
     * An error opened from a filtered queue leads back to it, through a change of its status too:
     * "← Queue" led to the unfiltered first page, and the browser's Back to the error as it was.
     */
    @Test
    void anErrorsPageLeadsBackToTheQueueAsTheEditorLeftIt() throws Exception {
        String pageUrl = lessons(QueueController.PAGE_SIZE + 1);
        String queue = "/console/queue?pageUrl=" + encode(pageUrl) + "&q=" + encode(SEARCH) + "&page=1";
        Element card = page(address(queue)).selectFirst("article.error-card");
        String id = card.attr("data-error-id");
        String details = card.selectFirst("a:contains(Details)").attr("href");

        Document error = page(address(details));
        assertThat(error.selectFirst(".crumbs a").attr("href")).isEqualTo(queue);
        String changed = submit(error, "form.status-form", post("/console/errors/{id}/status", id).param("status", "DISMISSED"))
                .getRedirectedUrl();
        assertThat(page(address(changed)).selectFirst(".crumbs a").attr("href")).isEqualTo(queue);
        // what an error's page leads back to is the queue's own address, whatever it is given
        assertThat(page(address("/console/errors/" + id + "?back=" + encode("x=1\"><script>"))).selectFirst(".crumbs a")
                .attr("href")).isEqualTo("/console/queue");
        assertThat(page(address("/console/errors/" + id + "?back=" + encode("//evil.example/"))).selectFirst(".crumbs a")
                .attr("href")).isEqualTo("/console/queue");
    }

    /** A search that a query string of the page's own making had broken: a '+' and braces. */
    private static final String SEARCH = "C++ {city}";

    /** @return a new page with this many errors, each of them found by {@link #SEARCH} */
    private String lessons(int errors) {
        String pageUrl = ConsoleTestData.uniquePage();
        IntStream.range(0, errors).forEach((i) -> this.data.error(pageUrl, "Learn ", SEARCH, " in lesson " + i, null));
        return pageUrl;
    }

    /** Posts the page's bulk form as the browser would, with the one error picked. */
    private MockHttpServletResponse bulk(Document queue, String action, String id) throws Exception {
        return submit(queue, "form#bulk", post("/console/queue/status").param("status", action).param("id", id));
    }

    /** Submits a form of the page as the browser would: the button's parameters given, the form's hidden fields added. */
    private MockHttpServletResponse submit(Document page, String form, MockHttpServletRequestBuilder post) throws Exception {
        for (Element field : page.select(form + " input[type=hidden]")) {
            post.param(field.attr("name"), field.val());
        }
        return this.mvc.perform(post.with(csrf()).with(user("ed").roles("EDITOR"))).andExpect(status().isFound())
                .andReturn().getResponse();
    }

    /** A query value as a form encodes it, and as the redirect carries it. */
    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** An encoded address for MockMvc, which does not read {@code +} in a query as a space, as Tomcat does. */
    private static java.net.URI address(String encoded) {
        return java.net.URI.create(encoded.replace("+", "%20"));
    }

    @Test
    void unknownErrorIsANotFoundPage() throws Exception {
        this.mvc.perform(get("/console/errors/{id}", Long.MAX_VALUE).with(user("ed").roles("EDITOR")))
                .andExpect(status().isNotFound());
    }

    @Test
    void badParameterIsAPageThatSaysWhatIsWrong() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);

        Document queue = badRequestPage(get("/console/queue?status=BOGUS"));
        assertThat(queue.select(".problems li").eachText()).containsExactly("status: must be one of NEW, FIXED, DISMISSED, SPAM");
        assertThat(queue.selectFirst(".who").text()).isEqualTo("ed");
        assertThat(badRequestPage(get("/console/errors/abc")).select(".problems li").eachText())
                .containsExactly("id: must be a whole number up to 9223372036854775807");
        assertThat(badRequestPage(post("/console/errors/{id}/status", id).param("status", "BOGUS").with(csrf()))
                .select(".problems li").eachText()).containsExactly("status: must be one of NEW, FIXED, DISMISSED, SPAM");
        assertThat(badRequestPage(post("/console/queue/status").param("id", Long.toString(id)).with(csrf()))
                .select(".problems li").eachText()).containsExactly("status: is required");
        // PostgreSQL refuses a NUL in text: the page says so, not "Something went wrong"
        assertThat(badRequestPage(get("/console/queue").param("q", "a\u0000b")).select(".problems li").eachText())
                .containsExactly("q: must not contain a NUL character");
        assertThat(badRequestPage(post("/console/errors/{id}/status", id).param("status", "FIXED")
                .param("note", "a\u0000b").with(csrf())).select(".problems li").eachText())
                .containsExactly("note: must not contain a NUL character");
        assertThat(this.moderation.history(id)).isEmpty();
    }

    @Test
    void addressWithoutAPageIsAConsolePageAndTheApiStaysJson() throws Exception {
        Document mistyped = failedPage(get("/console/queu"), 404);
        assertThat(mistyped.selectFirst("h1").text()).isEqualTo("Not found");
        assertThat(mistyped.selectFirst("main").text()).contains("There is no page at /console/queu.");
        assertThat(mistyped.selectFirst(".who").text()).isEqualTo("ed");
        assertThat(failedPage(get("/queue"), 404).selectFirst("main").text()).contains("There is no page at /queue.");
        assertThat(failedPage(get("/console/notes.txt"), 404).selectFirst("h1").text()).isEqualTo("Not found");
        // static files are the console's only (in the standalone the intake's share the class path)
        assertThat(failedPage(get("/stray.html"), 404).selectFirst("h1").text()).isEqualTo("Not found");
        this.mvc.perform(get("/console/css/console.css").with(user("ed").roles("EDITOR"))).andExpect(status().isOk());

        MockHttpServletResponse button = this.mvc.perform(get("/console/errors/1/status").with(user("ed").roles("EDITOR")))
                .andExpect(status().isMethodNotAllowed()).andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andReturn().getResponse();
        assertThat(button.getHeader(HttpHeaders.ALLOW)).isEqualTo("POST");
        assertThat(Jsoup.parse(button.getContentAsString()).selectFirst("h1").text()).isEqualTo("Not a page");

        this.mvc.perform(get("/api/v1/nothing").with(user("ed").roles("EDITOR"))).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        this.mvc.perform(get("/api/v1/errors/1/status").with(user("ed").roles("EDITOR")))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void logoutAddressOpenedAsAPageOffersTheButton() throws Exception {
        Document page = page("/console/logout");
        assertThat(page.selectFirst("form#logout").attr("method")).isEqualTo("post");
        assertThat(page.selectFirst("form#logout").attr("action")).isEqualTo("/console/logout");
        assertThat(page.select("form#logout input[name=_csrf]")).hasSize(1);
    }

    @Test
    void digestArchiveShowsTheMailInASandboxWithWorkingOneClickLinks() throws Exception {
        this.jdbc.sql("truncate table report, spelling_error cascade").update();
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", "typo");
        List<DigestSummary> built = this.digests.buildAndSendAll(null);
        assertThat(built).hasSize(1);
        long digestId = built.get(0).digestId();

        Document archive = page("/console/digests");
        assertThat(archive.select("#digests a").eachText()).contains(Long.toString(digestId));
        // an old link past the end: the last page, with the newest digest if there is only one page
        Document pastTheEnd = page("/console/digests?page=100000");
        assertThat(pastTheEnd.select(".empty")).isEmpty();
        assertThat(pastTheEnd.select("#digests a")).isNotEmpty();
        assertThat(archive.select("nav.nav a").eachText()).as("the worker's own navigation, no local inbox")
                .containsExactly("Queue", "Digests", "Account");
        assertThat(archive.selectFirst("#schedule").text()).as("scheduled digests are off in these tests")
                .startsWith("This worker builds no scheduled digests");
        Document digestPage = page("/console/digests/" + digestId);
        assertThat(digestPage.selectFirst("iframe.mail-frame").attr("sandbox")).isEqualTo(MailFrame.SANDBOX);
        String html = this.mvc.perform(get("/console/digests/{id}/html", digestId).with(user("ed").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", startsWith("sandbox " + MailFrame.SANDBOX + ";")))
                .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"))
                .andReturn().getResponse().getContentAsString();

        assertThat(Jsoup.parse(html).select("head > base").attr("target")).as("links open new tabs").isEqualTo("_blank");
        String fixed = Jsoup.parse(html).selectFirst("[data-error-id=" + id + "] a.action-fixed").attr("href");
        assertThat(fixed).startsWith("http://localhost:8081/console/links/" + id + "/fixed?expires=");
        this.mvc.perform(get(fixed.substring(fixed.indexOf("/console/"))))
                .andExpect(status().isOk()).andExpect(content().string(containsString("data-outcome=\"VALID\"")));
    }

    private Document badRequestPage(MockHttpServletRequestBuilder request) throws Exception {
        Document page = failedPage(request, 400);
        assertThat(page.selectFirst("h1").text()).isEqualTo("Bad request");
        return page;
    }

    private Document failedPage(MockHttpServletRequestBuilder request, int status) throws Exception {
        return Jsoup.parse(this.mvc.perform(request.with(user("ed").roles("EDITOR"))).andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString());
    }

    private Document page(String path) throws Exception {
        return Jsoup.parse(this.mvc.perform(get(path).with(user("ed").roles("EDITOR"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

    /** The page at an address already encoded, as a browser follows a redirect. */
    private Document page(java.net.URI address) throws Exception {
        return Jsoup.parse(this.mvc.perform(get(address).with(user("ed").roles("EDITOR"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
    }

}
