package io.github.spellingreports.worker.digest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextFragmentLinkTests {

    @Test
    void usesThreeWordsOfContextAsPrefixAndSuffix() {
        String link = TextFragmentLink.of("https://news.example/a", "Once upon a time the quick ", "bronw",
                " fox jumped over the lazy dog");
        assertThat(link).isEqualTo("https://news.example/a#:~:text=time%20the%20quick-,bronw,-fox%20jumped%20over");
    }

    @Test
    void encodesDashCommaAndAmpersandInEveryPart() {
        String link = TextFragmentLink.of("https://news.example/a", "Smith-Jones, ", "R&D", " co-op, ok");
        assertThat(link).isEqualTo("https://news.example/a#:~:text=Smith%2DJones%2C-,R%26D,-co%2Dop%2C%20ok");
    }

    @Test
    void encodesNonAsciiAsUtf8() {
        String link = TextFragmentLink.of("https://news.example/kz", "", "Қазақ", "");
        assertThat(link).isEqualTo("https://news.example/kz#:~:text=%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B");
    }

    @Test
    void leavesOutEmptyPrefixAndSuffix() {
        assertThat(TextFragmentLink.of("https://news.example/a", "", "Teh", " start")).isEqualTo("https://news.example/a#:~:text=Teh,-start");
        assertThat(TextFragmentLink.of("https://news.example/a", "the ", "end", "  ")).isEqualTo("https://news.example/a#:~:text=the-,end");
    }

    @Test
    void widensASelectionInsideAWordToTheWholeWord() {
        // browsers match text fragments on word boundaries only
        String link = TextFragmentLink.of("https://news.example/a", "a recieve", "d", " letter. Then");
        assertThat(link).isEqualTo("https://news.example/a#:~:text=a-,recieved,-letter.%20Then");
    }

    @Test
    void keepsPunctuationNextToTheSelectionInTheContext() {
        String link = TextFragmentLink.of("https://news.example/a", "He said: \"", "wrold", "\". Then");
        assertThat(link).isEqualTo("https://news.example/a#:~:text=He%20said%3A%20%22-,wrold,-%22.%20Then");
    }

    @Test
    void aSelectionOfSeveralWordsAlsoGetsTheRangeFromItsFirstToItsLastWord() {
        // found across paragraphs too, which the text alone is not
        String link = TextFragmentLink.of("https://news.example/a", "to its survey of ", "readers. Most of", " those who, answered");
        assertThat(link).isEqualTo("https://news.example/a#:~:text=its%20survey%20of-,readers.%20Most%20of,-those%20who%2C%20answered"
                + "&text=its%20survey%20of-,readers.,of,-those%20who%2C%20answered");
    }

    @Test
    void withoutAPrefixASelectionOfSeveralWordsGetsNoRange() {
        // the range would start at the first word's first occurrence on the page
        assertThat(TextFragmentLink.of("https://news.example/a", "", "Teh quick", " brown"))
                .isEqualTo("https://news.example/a#:~:text=Teh%20quick,-brown");
    }

    @Test
    void blankSelectionLinksThePage() {
        assertThat(TextFragmentLink.of("https://news.example/a", "x", " ", "y")).isEqualTo("https://news.example/a");
    }

}
