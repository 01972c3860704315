/*! spelling-reports widget: select a typo, press Ctrl+Enter (Cmd+Enter on a Mac) or tap "Report a typo". */
(function () {
  'use strict';
  if (window.__spellingReports) { return; }
  window.__spellingReports = true;

  // Options come from the embedding <script> tag; currentScript also works for defer/async and injected tags.
  var script = document.currentScript;
  var data = (script && script.dataset) || {};
  var scriptOrigin = script && script.src ? new URL(script.src, location.href).origin : location.origin;
  var ENDPOINT = data.endpoint || scriptOrigin + '/api/v1/reports';
  // The intake accepts at most 200 characters of context on either side and 300 of selection.
  var CONTEXT = clampInt(data.context, 60, 0, 200);
  var MAX_SELECTION = 300;
  var MAX_COMMENT = 1000;
  var STORE = 'spelling-reports:pending';
  var MAX_AGE = 7 * 864e5;
  var WAIT = 'spelling-reports:retry-at';
  var TIMEOUT_MS = 10000;

  // Non-ASCII text is escaped on purpose: a copy of this file served without a charset, onto a
  // page in another encoding, still shows the right letters.
  var STRINGS = {
    en: {
      title: 'The following text will be sent to our editors:',
      comment: 'Comment (optional)', send: 'Send', cancel: 'Cancel', close: 'Close', report: 'Report a typo',
      sending: 'Sending\u2026', thanks: 'Thank you! Our editors will take a look.',
      queued: 'Our server cannot be reached right now. Your report is saved on this device and will be sent automatically.',
      queuedHere: 'Our server cannot be reached right now. Your report will be sent automatically while this page stays open.',
      tooLong: 'The selection is too long: please select at most 300 characters around the error.',
      tooMany: 'Too many reports right now. Please try again later.',
      failed: 'The report could not be sent: '
    },
    ru: {
      title: '\u0421\u043b\u0435\u0434\u0443\u044e\u0449\u0438\u0439 \u0442\u0435\u043a\u0441\u0442 \u0431\u0443\u0434\u0435\u0442 \u043e\u0442\u043f\u0440\u0430\u0432\u043b\u0435\u043d \u043d\u0430\u0448\u0438\u043c \u0440\u0435\u0434\u0430\u043a\u0442\u043e\u0440\u0430\u043c:',
      comment: '\u041a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0439 (\u043d\u0435\u043e\u0431\u044f\u0437\u0430\u0442\u0435\u043b\u044c\u043d\u043e)', send: '\u041e\u0442\u043f\u0440\u0430\u0432\u0438\u0442\u044c', cancel: '\u041e\u0442\u043c\u0435\u043d\u0430', close: '\u0417\u0430\u043a\u0440\u044b\u0442\u044c',
      report: '\u0421\u043e\u043e\u0431\u0449\u0438\u0442\u044c \u043e\u0431 \u043e\u043f\u0435\u0447\u0430\u0442\u043a\u0435',
      sending: '\u041e\u0442\u043f\u0440\u0430\u0432\u043b\u044f\u0435\u043c\u2026', thanks: '\u0421\u043f\u0430\u0441\u0438\u0431\u043e! \u041d\u0430\u0448\u0438 \u0440\u0435\u0434\u0430\u043a\u0442\u043e\u0440\u044b \u044d\u0442\u043e \u043f\u0440\u043e\u0432\u0435\u0440\u044f\u0442.',
      queued: '\u0421\u0435\u0440\u0432\u0435\u0440 \u0441\u0435\u0439\u0447\u0430\u0441 \u043d\u0435\u0434\u043e\u0441\u0442\u0443\u043f\u0435\u043d. \u0421\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435 \u0441\u043e\u0445\u0440\u0430\u043d\u0435\u043d\u043e \u043d\u0430 \u044d\u0442\u043e\u043c \u0443\u0441\u0442\u0440\u043e\u0439\u0441\u0442\u0432\u0435 \u0438 \u0431\u0443\u0434\u0435\u0442 \u043e\u0442\u043f\u0440\u0430\u0432\u043b\u0435\u043d\u043e \u0430\u0432\u0442\u043e\u043c\u0430\u0442\u0438\u0447\u0435\u0441\u043a\u0438.',
      queuedHere: '\u0421\u0435\u0440\u0432\u0435\u0440 \u0441\u0435\u0439\u0447\u0430\u0441 \u043d\u0435\u0434\u043e\u0441\u0442\u0443\u043f\u0435\u043d. \u0421\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435 \u0431\u0443\u0434\u0435\u0442 \u043e\u0442\u043f\u0440\u0430\u0432\u043b\u0435\u043d\u043e \u0430\u0432\u0442\u043e\u043c\u0430\u0442\u0438\u0447\u0435\u0441\u043a\u0438, \u043f\u043e\u043a\u0430 \u044d\u0442\u0430 \u0441\u0442\u0440\u0430\u043d\u0438\u0446\u0430 \u043e\u0442\u043a\u0440\u044b\u0442\u0430.',
      tooLong: '\u0412\u044b\u0434\u0435\u043b\u0435\u043d \u0441\u043b\u0438\u0448\u043a\u043e\u043c \u0434\u043b\u0438\u043d\u043d\u044b\u0439 \u0444\u0440\u0430\u0433\u043c\u0435\u043d\u0442: \u0432\u044b\u0434\u0435\u043b\u0438\u0442\u0435 \u043d\u0435 \u0431\u043e\u043b\u0435\u0435 300 \u0441\u0438\u043c\u0432\u043e\u043b\u043e\u0432 \u0432\u043e\u043a\u0440\u0443\u0433 \u043e\u0448\u0438\u0431\u043a\u0438.',
      tooMany: '\u0421\u043b\u0438\u0448\u043a\u043e\u043c \u043c\u043d\u043e\u0433\u043e \u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0439. \u041f\u043e\u0436\u0430\u043b\u0443\u0439\u0441\u0442\u0430, \u043f\u043e\u043f\u0440\u043e\u0431\u0443\u0439\u0442\u0435 \u043f\u043e\u0437\u0436\u0435.',
      failed: '\u041d\u0435 \u0443\u0434\u0430\u043b\u043e\u0441\u044c \u043e\u0442\u043f\u0440\u0430\u0432\u0438\u0442\u044c \u0441\u043e\u043e\u0431\u0449\u0435\u043d\u0438\u0435: '
    },
    kk: {
      title: '\u041a\u0435\u043b\u0435\u0441\u0456 \u043c\u04d9\u0442\u0456\u043d \u0440\u0435\u0434\u0430\u043a\u0442\u043e\u0440\u043b\u0430\u0440\u044b\u043c\u044b\u0437\u0493\u0430 \u0436\u0456\u0431\u0435\u0440\u0456\u043b\u0435\u0434\u0456:',
      comment: '\u041f\u0456\u043a\u0456\u0440 (\u043c\u0456\u043d\u0434\u0435\u0442\u0442\u0456 \u0435\u043c\u0435\u0441)', send: '\u0416\u0456\u0431\u0435\u0440\u0443', cancel: '\u0411\u043e\u043b\u0434\u044b\u0440\u043c\u0430\u0443', close: '\u0416\u0430\u0431\u0443',
      report: '\u049a\u0430\u0442\u0435 \u0442\u0443\u0440\u0430\u043b\u044b \u0445\u0430\u0431\u0430\u0440\u043b\u0430\u0443',
      sending: '\u0416\u0456\u0431\u0435\u0440\u0456\u043b\u0443\u0434\u0435\u2026', thanks: '\u0420\u0430\u0445\u043c\u0435\u0442! \u0420\u0435\u0434\u0430\u043a\u0442\u043e\u0440\u043b\u0430\u0440\u044b\u043c\u044b\u0437 \u049b\u0430\u0440\u0430\u043f \u0448\u044b\u0493\u0430\u0434\u044b.',
      queued: '\u0421\u0435\u0440\u0432\u0435\u0440 \u049b\u0430\u0437\u0456\u0440 \u049b\u043e\u043b\u0436\u0435\u0442\u0456\u043c\u0441\u0456\u0437. \u0425\u0430\u0431\u0430\u0440\u043b\u0430\u043c\u0430 \u043e\u0441\u044b \u049b\u04b1\u0440\u044b\u043b\u0493\u044b\u0434\u0430 \u0441\u0430\u049b\u0442\u0430\u043b\u0434\u044b \u0436\u04d9\u043d\u0435 \u0430\u0432\u0442\u043e\u043c\u0430\u0442\u0442\u044b \u0442\u04af\u0440\u0434\u0435 \u0436\u0456\u0431\u0435\u0440\u0456\u043b\u0435\u0434\u0456.',
      queuedHere: '\u0421\u0435\u0440\u0432\u0435\u0440 \u049b\u0430\u0437\u0456\u0440 \u049b\u043e\u043b\u0436\u0435\u0442\u0456\u043c\u0441\u0456\u0437. \u0411\u04b1\u043b \u0431\u0435\u0442 \u0430\u0448\u044b\u049b \u0442\u04b1\u0440\u0493\u0430\u043d\u0434\u0430 \u0445\u0430\u0431\u0430\u0440\u043b\u0430\u043c\u0430 \u0430\u0432\u0442\u043e\u043c\u0430\u0442\u0442\u044b \u0442\u04af\u0440\u0434\u0435 \u0436\u0456\u0431\u0435\u0440\u0456\u043b\u0435\u0434\u0456.',
      tooLong: '\u0422\u044b\u043c \u04b1\u0437\u044b\u043d \u043c\u04d9\u0442\u0456\u043d \u0442\u0430\u04a3\u0434\u0430\u043b\u0434\u044b: \u049b\u0430\u0442\u0435\u043d\u0456\u04a3 \u0430\u0439\u043d\u0430\u043b\u0430\u0441\u044b\u043d\u0434\u0430\u0493\u044b 300 \u0442\u0430\u04a3\u0431\u0430\u0434\u0430\u043d \u0430\u0441\u043f\u0430\u0439\u0442\u044b\u043d \u043c\u04d9\u0442\u0456\u043d\u0434\u0456 \u0442\u0430\u04a3\u0434\u0430\u04a3\u044b\u0437.',
      tooMany: '\u0425\u0430\u0431\u0430\u0440\u043b\u0430\u043c\u0430\u043b\u0430\u0440 \u0442\u044b\u043c \u043a\u04e9\u043f. \u041a\u0435\u0439\u0456\u043d\u0456\u0440\u0435\u043a \u049b\u0430\u0439\u0442\u0430\u043b\u0430\u043f \u043a\u04e9\u0440\u0456\u04a3\u0456\u0437.',
      failed: '\u0416\u0456\u0431\u0435\u0440\u0443 \u043c\u04af\u043c\u043a\u0456\u043d \u0431\u043e\u043b\u043c\u0430\u0434\u044b: '
    }
  };

  function clampInt(value, fallback, min, max) {
    var n = parseInt(value, 10);
    return isNaN(n) ? fallback : Math.max(min, Math.min(max, n));
  }

  // A site in another language, or one that words the dialog its own way, sets
  // window.SpellingReportsStrings = { de: { title: '...', send: '...' } } before this script runs: the
  // keys of STRINGS.en, each a string; a key left out keeps this file's text for that language, or
  // the English one for a language this file does not have.
  addSiteStrings(window.SpellingReportsStrings);

  function addSiteStrings(site) {
    if (!site || typeof site !== 'object') { return; }
    Object.keys(site).forEach(function (lang) {
      var code = lang.toLowerCase();
      var given = site[lang];
      if (!/^[a-z]{2,8}$/.test(code) || !given || typeof given !== 'object') { return; }
      var base = STRINGS[code] || STRINGS.en;
      var merged = {};
      Object.keys(STRINGS.en).forEach(function (key) {
        var text = given[key];
        merged[key] = typeof text === 'string' && text.trim() && text.length <= 500 ? text : base[key];
      });
      STRINGS[code] = merged;
    });
  }

  var LANG = (function () {
    var primary = (data.lang || document.documentElement.lang || 'en').toLowerCase().split(/[-_]/)[0];
    // "kz", Kazakhstan's country code, is often written for Kazakh
    return STRINGS[primary] ? primary : primary === 'kz' ? 'kk' : 'en';
  })();
  var T = STRINGS[LANG];
  // The dialog's direction is its language's, not the page's.
  var DIR = /^(ar|arc|ckb|dv|fa|he|iw|ks|ps|sd|syr|ug|ur|yi)$/.test(LANG) ? 'rtl' : 'ltr';

  // Soft hyphens and zero-width characters are invisible inside words: drop them. Any run of white
  // space or control characters becomes one space, as the reader sees it.
  function collapse(text) {
    return text.normalize('NFC').replace(/[\u00ad\u200b\u2060\ufeff]/g, '')
      .replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ');
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    // randomUUID needs a secure context; getRandomValues does not.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function blockOf(node) {
    var e = node.nodeType === 1 ? node : node.parentElement;
    while (e && e !== document.body) {
      var display = getComputedStyle(e).display;
      if (display !== 'inline' && display !== 'contents') { return e; }
      e = e.parentElement;
    }
    return e || document.body;
  }

  function editable(node) {
    return node && node.nodeType === 1 && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName));
  }

  // The text of a range inside node as it reads: a line break or a block's edge is a space (Range's
  // toString glued "one<br>two" and "</li><li>"), a script's code and hidden text are left out.
  function textOf(range, node) {
    var text = '';
    for (var n = node.firstChild; n; n = n.nextSibling) {
      if (!range.intersectsNode(n)) { continue; }
      if (n.nodeType === 3) {
        text += n.data.slice(n === range.startContainer ? range.startOffset : 0,
          n === range.endContainer ? range.endOffset : n.data.length);
      } else if (n.nodeType === 1 && !/^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT)$/.test(n.tagName)) {
        var display = getComputedStyle(n).display;
        if (display === 'none') { continue; }
        var gap = n.tagName === 'BR' || !/^(inline|contents)/.test(display) ? ' ' : '';
        text += gap + textOf(range, n) + gap;
      }
    }
    return text;
  }

  // The selection and the text around it in its enclosing block, across inline elements and text
  // nodes. A Range is always in document order, so backwards selections need nothing special.
  function capture() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    // Text in the page's own editors (a draft, a comment box) is the reader's, not the page's.
    var common = range.commonAncestorContainer;
    var active = document.activeElement;
    if (editable(common.nodeType === 1 ? common : common.parentElement)
        || (editable(active) && range.intersectsNode(active))) { return null; }
    // the selection as the page shows it: line breaks and block edges included, hidden text not
    var raw = collapse(selection.toString());
    var text = raw.trim();
    if (!text) { return null; }
    var block = blockOf(range.startContainer);
    var before = document.createRange();
    before.selectNodeContents(block);
    before.setEnd(range.startContainer, range.startOffset);
    var endBlock = blockOf(range.endContainer);
    var after = document.createRange();
    after.selectNodeContents(endBlock);
    after.setStart(range.endContainer, range.endOffset);
    // White space trimmed off the selection belongs to its context.
    var b = collapse(textOf(before, block) + (raw.charAt(0) === ' ' ? ' ' : '')).replace(/^ /, '');
    var a = collapse((raw.slice(-1) === ' ' ? ' ' : '') + textOf(after, endBlock)).replace(/ $/, '');
    return {
      selection: text,
      contextBefore: cut(b, true),
      contextAfter: cut(a, false),
      moreBefore: b.length > CONTEXT,
      moreAfter: a.length > CONTEXT,
      // the quote is shown and read aloud as the page's text
      direction: getComputedStyle(block).direction === 'rtl' ? 'rtl' : 'ltr',
      textLang: (block.closest('[lang]') || document.documentElement).getAttribute('lang') || '',
      rect: range.getBoundingClientRect(),
      block: block,
      range: range.cloneRange()
    };
  }

  // At most CONTEXT characters next to the selection; a word cut in half at the far end is dropped.
  function cut(text, before) {
    if (!CONTEXT || text.length <= CONTEXT) { return CONTEXT ? text : ''; }
    var part = before ? text.slice(-CONTEXT) : text.slice(0, CONTEXT);
    var whole = before ? text.charAt(text.length - CONTEXT - 1) === ' ' : text.charAt(CONTEXT) === ' ';
    var trimmed = (whole ? part : part.replace(before ? /^\S+/ : /\S+$/, '')).replace(before ? /^ / : / $/, '');
    return trimmed.trim() ? trimmed : part;
  }

  // The page's canonical address, so that its copies (a mobile host, tracking parameters) report
  // one error; then, for an intake that refuses one (an origin it does not take), the address the
  // page is shown at, and that without its query. One longer than the intake stores (its
  // ReportRequest.MAX_PAGE_URL) is not tried: a very long one made the report larger than the
  // intake reads, and its answer (413) names no field to try another address for.
  function pageUrls() {
    var canonical = document.querySelector('link[rel~="canonical"][href]');
    var here = location.href.split('#')[0];
    var urls = [canonical ? canonical.href : here, here].filter(function (url) { return url.length <= 2048; });
    urls.push(location.origin + location.pathname);
    return urls.filter(function (url, i) { return urls.indexOf(url) === i; });
  }

  function pageLang() {
    var lang = document.documentElement.lang;
    return /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(lang) && lang.length <= 35 ? lang : null;
  }

  // ---- delivery: a report stays in localStorage until the intake accepted or refused it ----
  // Where the browser keeps no site data (blocked, or full), it waits in this page instead.
  var inPage = null;

  // Only reports: whatever else is stored under the key (another script's, a hand's) is left out,
  // and so is a report kept more than a week (its page has likely changed since).
  function pending() {
    var list = inPage;
    if (!list) {
      try { list = JSON.parse(localStorage.getItem(STORE) || '[]'); } catch (e) { return []; }
    }
    return Array.isArray(list) ? list.filter(function (r) {
      return r !== null && typeof r === 'object' && typeof r.reportId === 'string' && !(Date.now() - r.queuedAt > MAX_AGE);
    }) : [];
  }

  function savePending(list) {
    if (!inPage) {
      // refused (site data blocked, or full): kept below
      try { localStorage.setItem(STORE, JSON.stringify(list)); return; } catch (e) {}
    }
    inPage = list.slice();
  }

  function keep(report) {
    report.queuedAt = report.queuedAt || Date.now();
    var list = pending().filter(function (r) { return r.reportId !== report.reportId; });
    list.push(report);
    savePending(list.slice(-20));
  }

  function forget(reportId) {
    savePending(pending().filter(function (r) { return r.reportId !== reportId; }));
  }

  function post(report) {
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(ENDPOINT, {
      method: 'POST', mode: 'cors', credentials: 'omit',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(report, function (key, value) {
        return key === 'pageUrlFallbacks' || key === 'queuedAt' ? undefined : value;
      }),
      signal: controller.signal
    }).then(function (response) {
      clearTimeout(timer);
      var status = response.status;
      var wait = +response.headers.get('Retry-After');
      if (status >= 200 && status < 300) { return { outcome: 'accepted' }; }
      if (status === 429) { return { outcome: 'limited', wait: wait }; }
      if (status >= 500 || status === 408) { return { outcome: 'retry', wait: wait }; }
      return response.json().then(function (problem) {
        return { outcome: 'rejected', message: problem.detail || problem.title || String(status),
          pageUrlRefused: !!(problem.errors && problem.errors.pageUrl) };
      }, function () { return { outcome: 'rejected', message: String(status) }; });
    }, function () {
      // Offline, timed out, or refused by CORS: a script cannot tell these apart, so keep it.
      clearTimeout(timer);
      return { outcome: 'retry' };
    });
  }

  // When the intake asked to wait (Retry-After, in seconds as it sends it), stored reports wait: in
  // this page, and on the next page view; at most a week, as long as a report is kept.
  var retryAt = 0;

  function waitLeft() {
    // where nothing can be stored, this page's wait alone
    try { retryAt = Math.max(retryAt, +localStorage.getItem(WAIT) || 0); } catch (e) {}
    return Math.min(retryAt - Date.now(), MAX_AGE);
  }

  var inFlight = {};

  // Kept before it is sent, so a tab closed mid-request still has it for the next page view.
  function deliver(report, keepWhenLimited) {
    var id = report.reportId;
    if (inFlight[id]) { return Promise.resolve({ outcome: 'retry' }); }
    inFlight[id] = true;
    keep(report);
    return post(report).then(function (result) {
      delete inFlight[id];
      if (result.wait > 0) {
        retryAt = Date.now() + result.wait * 1000;
        // where nothing can be stored, this page's wait alone
        try { localStorage.setItem(WAIT, retryAt); } catch (e) {}
      }
      var fallbacks = report.pageUrlFallbacks;
      if (result.outcome === 'rejected' && result.pageUrlRefused && fallbacks && fallbacks.length) {
        // the page's address refused (a canonical one on an origin the intake does not take, one
        // longer than it stores): the same report again with the next address of the page
        var next = {};
        Object.keys(report).forEach(function (key) { next[key] = report[key]; });
        next.pageUrl = fallbacks[0];
        next.pageUrlFallbacks = fallbacks.slice(1);
        return deliver(next, keepWhenLimited);
      }
      if (result.outcome === 'accepted' || result.outcome === 'rejected'
          || (result.outcome === 'limited' && !keepWhenLimited)) {
        forget(id);
      }
      return result;
    });
  }

  var flushing = false;
  var retryDelay = 30000;
  var retryTimer = null;

  function flush() {
    if (flushing || navigator.onLine === false) { return; }
    if (waitLeft() > 0) { return scheduleRetry(); }
    if (!pending().length) {
      // what is left (expired reports, another script's data under the key, a wait that is over) goes;
      // where nothing can be stored, nothing was
      try { if (!inPage) { localStorage.removeItem(STORE); localStorage.removeItem(WAIT); } } catch (e) {}
      return;
    }
    flushing = true;
    // One tab at a time: every open tab of the site hears 'online' at once. A tab that finds another
    // sending leaves the reports to it, and looks again later.
    var locks = navigator.locks;
    (locks ? locks.request('spelling-reports:flush', { ifAvailable: true }, sendAll).then(null, function () {
      return sendAll(true);
    }) : Promise.resolve(sendAll(true))).then(function (ok) {
      flushing = false;
      if (ok !== null) { retryDelay = ok ? 30000 : Math.min(retryDelay * 2, 600000); }
      scheduleRetry();
    });
  }

  // The stored reports in order, until one cannot be delivered; null without the lock.
  function sendAll(lock) {
    if (!lock) { return null; }
    var list = pending();
    return (function next(i) {
      return i >= list.length ? true : deliver(list[i], true).then(function (result) {
        return result.outcome === 'retry' || result.outcome === 'limited' ? false : next(i + 1);
      });
    })(0);
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    if (pending().length) { retryTimer = setTimeout(flush, Math.max(retryDelay, waitLeft())); }
  }

  // ---- the dialog, in a shadow root: page styles stay out, widget styles stay in ----
  // Transparent borders are the edges of the dialog and the phone button in forced colors (Windows
  // High Contrast), which drop backgrounds and shadows.
  var CSS = ':host{all:initial!important}' +
    '.backdrop{position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:2147483647;padding:12px;box-sizing:border-box}' +
    '.dialog{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff;border:1px solid transparent;border-radius:10px;box-shadow:0 10px 40px rgba(0,0,0,.3);max-width:560px;width:100%;max-height:100%;overflow:auto;padding:20px;box-sizing:border-box}' +
    '.dialog:focus{outline:none}' +
    'h2{font-size:1.05em;margin:0 0 12px;font-weight:600}' +
    '.quote{background:#f4f4f4;border-inline-start:4px solid #c62828;padding:10px 12px;margin:0 0 14px;overflow-wrap:anywhere}' +
    'mark{background:#ffd54f;color:inherit;font-weight:600;padding:0 2px;border-radius:2px}' +
    'label{display:block;font-size:.9em;margin-bottom:4px}' +
    'textarea{display:block;width:100%;box-sizing:border-box;min-height:4.5em;font:inherit;padding:8px;border:1px solid #767676;border-radius:6px;resize:vertical;color:inherit;background:#fff}' +
    '.buttons{display:flex;gap:10px;justify-content:flex-end;flex-wrap:wrap;margin-top:14px}' +
    'button{font:inherit;padding:8px 18px;border-radius:6px;border:1px solid #555;background:#fff;color:#1a1a1a;cursor:pointer;min-height:44px;min-width:44px}' +
    'button.primary{background:#1f5fbf;border-color:#1f5fbf;color:#fff}' +
    'button:disabled{opacity:.6;cursor:default}' +
    'textarea[readonly]{background:#f2f2f2;color:#555}' +
    'button:focus-visible,textarea:focus-visible{outline:3px solid #b35c00;outline-offset:2px}' +
    '.status{margin:12px 0 0}.status:empty{display:none}.status.error{color:#b00020}' +
    '.fab{position:fixed;z-index:2147483646;font:600 15px/1 system-ui,sans-serif;padding:10px 14px;border-radius:22px;background:#1f5fbf;color:#fff;border:2px solid transparent;box-shadow:0 2px 10px rgba(0,0,0,.3)}';

  var host = null;
  var root = null;
  var returnFocus = null;
  var returnRange = null;
  var touchButton = null;

  function ensureRoot() {
    // A site that replaces <body> to go to its next page (Turbo, htmx, pjax) takes the old one away.
    if (root && host.isConnected) { return root; }
    touchButton = null;
    host = document.createElement('spelling-reports-widget');
    document.body.appendChild(host);
    root = host.attachShadow({ mode: 'open' });
    adoptStyles(root);
    // Keys typed here stay here: out of the shadow root they are the host's, not a text field's, and
    // set off the page's own shortcuts ("/", "j", Escape closing its menus).
    ['keydown', 'keypress', 'keyup'].forEach(function (type) {
      root.addEventListener(type, function (event) {
        event.stopPropagation();
        if (type === 'keydown' && dialogElement()) { dialogKeys(event); }
      });
    });
    return root;
  }

  // A constructed style sheet is outside the page's Content-Security-Policy (style-src), so a site
  // that allows no inline styles still gets a styled dialog; a <style> element, which needs
  // 'unsafe-inline' there, only where the browser has none (Safari before 16.4).
  function adoptStyles(shadow) {
    try {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } catch (e) {
      shadow.appendChild(el('style', {}, CSS));
    }
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function dialogElement() {
    return root && host.isConnected ? root.querySelector('.dialog') : null;
  }

  function close() {
    var dialog = dialogElement();
    if (!dialog) { return; }
    dialog.parentNode.remove();
    var target = returnFocus;
    var range = returnRange;
    returnFocus = returnRange = null;
    if (!target || !target.focus || !document.contains(target)) { return; }
    // the block the reader selected in (on a phone too), focusable while focused, and their selection as it was
    if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) {
      target.setAttribute('tabindex', '-1');
      target.addEventListener('blur', function () { target.removeAttribute('tabindex'); }, { once: true });
    }
    target.focus({ preventScroll: true });
    if (!range) { return; }
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function open(captured, fromTouch) {
    ensureRoot();
    close();
    hideTouchButton();
    returnFocus = document.activeElement;
    returnRange = null;
    // Nothing focused (text selected in a paragraph): focus would be nowhere after the dialog, and Tab
    // would go on from the page's end.
    if (!returnFocus || returnFocus === document.body || returnFocus === host) {
      returnFocus = captured.block;
      // not after the phone's button: the selection restored would bring the button back for the text just reported
      returnRange = fromTouch ? null : captured.range;
    }
    var tooLong = captured.selection.length > MAX_SELECTION;
    var backdrop = el('div', { 'class': 'backdrop' });
    var dialog = el('div', { 'class': 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'sr-title',
      'aria-describedby': 'sr-quote', tabindex: '-1', lang: LANG, dir: DIR });
    dialog.appendChild(el('h2', { id: 'sr-title' }, tooLong ? T.tooLong : T.title));
    var status = el('p', { 'class': 'status', role: 'status' });
    var buttons = el('div', { 'class': 'buttons' });
    var cancel = el('button', { type: 'button', 'class': 'cancel' }, tooLong ? T.close : T.cancel);
    cancel.addEventListener('click', close);
    buttons.appendChild(cancel);
    if (tooLong) {
      // Nothing is sent: the reader is asked to select less.
      dialog.setAttribute('aria-describedby', 'sr-title');
      dialog.appendChild(buttons);
    } else {
      var quote = el('p', { 'class': 'quote', id: 'sr-quote', dir: captured.direction });
      if (captured.textLang) { quote.setAttribute('lang', captured.textLang); }
      quote.appendChild(document.createTextNode((captured.moreBefore ? '\u2026' : '') + captured.contextBefore));
      quote.appendChild(el('mark', {}, captured.selection));
      quote.appendChild(document.createTextNode(captured.contextAfter + (captured.moreAfter ? '\u2026' : '')));
      dialog.appendChild(quote);
      var form = el('form', { novalidate: '' });
      // "auto": a reader may write in the page's language, not the dialog's
      var comment = el('textarea', { id: 'sr-comment', maxlength: String(MAX_COMMENT), rows: '3',
        dir: DIR === 'rtl' ? 'rtl' : 'auto' });
      var send = el('button', { type: 'submit', 'class': 'primary send' }, T.send);
      form.appendChild(el('label', { 'for': 'sr-comment' }, T.comment));
      form.appendChild(comment);
      form.appendChild(status);
      buttons.appendChild(send);
      form.appendChild(buttons);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (!send.disabled && send.isConnected) { submit(captured, comment, send, status, cancel); }
      });
      comment.addEventListener('keydown', function (event) {
        // a repeat is Ctrl+Enter held down since it opened the dialog: the reader has not seen it yet
        if (composing(event) || event.repeat) { return; }
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          // Safari before 16 has no requestSubmit; the button's click submits the same way
          if (form.requestSubmit) { form.requestSubmit(); } else { send.click(); }
        }
      });
      dialog.appendChild(form);
    }
    backdrop.appendChild(dialog);
    backdrop.addEventListener('mousedown', function (event) { if (event.target === backdrop) { close(); } });
    root.appendChild(backdrop);
    var textarea = dialog.querySelector('textarea');
    // on a phone a focused comment would open the keyboard over the text to be sent
    (fromTouch && textarea ? dialog : textarea || cancel).focus();
  }

  function submit(captured, comment, send, status, cancel) {
    // a control character pasted into the comment (tab and line breaks are text) would have it refused
    var commentText = comment.value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
    var urls = pageUrls();
    var report = {
      reportId: captured.reportId || (captured.reportId = uuid()),
      pageUrl: urls[0],
      pageUrlFallbacks: urls.slice(1),
      // as the reader sees it: a control character a CMS left in it would have the report refused
      pageTitle: collapse(document.title).trim().slice(0, 500) || null,
      lang: pageLang(),
      selection: captured.selection,
      contextBefore: captured.contextBefore,
      contextAfter: captured.contextAfter,
      comment: commentText.trim() ? commentText.trim().slice(0, MAX_COMMENT) : null
    };
    send.disabled = true;
    // what is sent cannot be edited any more; it can again if sending failed
    comment.readOnly = true;
    status.className = 'status';
    status.textContent = T.sending;
    // the report is on its way: the button beside Send no longer takes it back
    cancel.textContent = T.close;
    deliver(report, false).then(function (result) {
      if (result.outcome === 'accepted') {
        finished(status, send, cancel, T.thanks);
      } else if (result.outcome === 'retry') {
        finished(status, send, cancel, inPage ? T.queuedHere : T.queued);
        scheduleRetry();
      } else {
        send.disabled = false;
        comment.readOnly = false;
        cancel.textContent = T.cancel;
        status.className = 'status error';
        var limited = result.outcome === 'limited';
        status.textContent = limited ? T.tooMany : T.failed;
        // the intake's reason is in English, whatever the dialog's language: read aloud as such
        if (!limited) { status.appendChild(el('span', { lang: 'en' }, result.message)); }
      }
    });
  }

  function finished(status, send, cancel, message) {
    status.className = 'status';
    status.textContent = message;
    send.remove();
    cancel.textContent = T.close;
    // all that is left to do, also after Ctrl+Enter in the comment
    cancel.focus();
  }

  function focusable() {
    return Array.prototype.filter.call(dialogElement().querySelectorAll('textarea, button:not([disabled])'),
      function (node) { return node.getClientRects().length > 0; });
  }

  function trapTab(event) {
    var list = focusable();
    if (!list.length) { return; }
    var first = list[0];
    var last = list[list.length - 1];
    var active = root.activeElement;
    var inside = list.indexOf(active) >= 0;
    if (event.shiftKey ? (active === first || !inside) : (active === last || !inside)) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  }

  // A key an input method (Chinese, Japanese...) takes: Escape cancels the composition, not the
  // report, Enter confirms it. Safari sends the key that ends a composition as 229, no longer composing.
  function composing(event) {
    return event.isComposing || event.keyCode === 229;
  }

  function dialogKeys(event) {
    if (composing(event)) { return; }
    if (event.key === 'Escape') { event.preventDefault(); close(); }
    else if (event.key === 'Tab') { trapTab(event); }
  }

  // Keys from inside the widget never get here; these are the page's, focus outside an open dialog.
  document.addEventListener('keydown', function (event) {
    if (dialogElement()) { return dialogKeys(event); }
    if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || composing(event) || event.repeat) { return; }
    // Ctrl+Enter in a form field belongs to the page (it often means "submit").
    if (editable(event.target)) { return; }
    var captured = capture();
    if (!captured) { return; }
    event.preventDefault();
    open(captured);
  });

  // aria-modal only informs assistive technology: keep keyboard focus in the open dialog too.
  document.addEventListener('focusin', function (event) {
    var dialog = dialogElement();
    if (dialog && event.target !== host) { (focusable()[0] || dialog).focus(); }
  });

  // ---- touch devices: a button next to a fresh selection ----
  function hideTouchButton() {
    if (touchButton) { touchButton.remove(); touchButton = null; }
  }

  function showTouchButton() {
    if (dialogElement()) { return; }
    var captured = capture();
    if (!captured) { hideTouchButton(); return; }
    ensureRoot();
    if (!touchButton) {
      touchButton = el('button', { type: 'button', 'class': 'fab', lang: LANG, dir: DIR }, T.report);
      // Pressing the button must not clear the selection it reports.
      touchButton.addEventListener('mousedown', function (event) { event.preventDefault(); });
      touchButton.addEventListener('click', function () { open(capture() || touchButton.captured, true); });
      root.appendChild(touchButton);
    }
    touchButton.captured = captured;
    var rect = captured.rect;
    var top = rect.bottom + 10;
    if (top > window.innerHeight - 60) { top = Math.max(8, rect.top - 56); }
    touchButton.style.top = top + 'px';
    touchButton.style.left = Math.max(8, Math.min(rect.left, window.innerWidth - touchButton.offsetWidth - 8)) + 'px';
  }

  if ('ontouchstart' in window || (window.matchMedia && matchMedia('(pointer: coarse)').matches)) {
    var selectionTimer = null;
    document.addEventListener('selectionchange', function () {
      clearTimeout(selectionTimer);
      selectionTimer = setTimeout(showTouchButton, 250);
    });
  }

  window.addEventListener('online', flush);
  flush();
})();
