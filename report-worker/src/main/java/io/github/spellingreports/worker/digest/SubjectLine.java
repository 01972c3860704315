package io.github.spellingreports.worker.digest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The digest's subject from its template ({@code spelling.digest.subject}): {@code {errors}} and
 * {@code {reports}} are the figures, with thousands separators as in the mail; {@code {date}} and
 * {@code {desk}} are texts; {@code {errors:error|errors}} is the word that goes with the figure,
 * in the form its number takes: of two forms the first for 1 and the second for any other number
 * (English), of three the forms for one, few and many as Russian and Ukrainian choose them (1, 21,
 * 101: one; 2-4, 22-24: few; 0, 5-20, 25-30, 111: many). A language whose nouns do not change after
 * a figure needs no choice.
 */
final class SubjectLine {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)(?::([^{}]*))?}");

    private SubjectLine() {
    }

    /**
     * @param template the subject template
     * @param figures the figures by name ({@code errors}, {@code reports})
     * @param texts the texts by name ({@code date}, {@code desk})
     * @return the subject; a placeholder it does not know stays as written
     */
    static String render(String template, Map<String, Integer> figures, Map<String, String> texts) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder subject = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            String forms = placeholder.group(2);
            String replacement = placeholder.group();
            if (figures.containsKey(name) && forms == null) {
                replacement = String.format(Locale.ROOT, "%,d", figures.get(name));
            }
            else if (figures.containsKey(name) && choice(forms)) {
                replacement = form(figures.get(name), forms.split("\\|", -1));
            }
            else if (texts.containsKey(name) && forms == null) {
                replacement = texts.get(name);
            }
            placeholder.appendReplacement(subject, Matcher.quoteReplacement(replacement));
        }
        placeholder.appendTail(subject);
        return subject.toString();
    }

    /**
     * @param template a subject template
     * @return its first choice that is not one of {@code errors} or {@code reports} with two or three forms
     */
    static Optional<String> problem(String template) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            String forms = placeholder.group(2);
            if (forms != null && (!choice(forms) || !placeholder.group(1).matches("errors|reports"))) {
                return Optional.of(placeholder.group());
            }
        }
        return Optional.empty();
    }

    private static boolean choice(String forms) {
        int count = forms.split("\\|", -1).length;
        return count == 2 || count == 3;
    }

    private static String form(int number, String[] forms) {
        if (forms.length == 2) {
            return (number == 1) ? forms[0] : forms[1];
        }
        int lastDigit = number % 10;
        int lastTwo = number % 100;
        if (lastDigit == 1 && lastTwo != 11) {
            return forms[0];
        }
        if (lastDigit >= 2 && lastDigit <= 4 && (lastTwo < 12 || lastTwo > 14)) {
            return forms[1];
        }
        return forms[2];
    }

}
