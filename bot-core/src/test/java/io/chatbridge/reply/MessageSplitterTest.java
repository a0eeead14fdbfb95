package io.chatbridge.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {

    private static final String FAMILY = "👨\u200d👩\u200d👧";

    private static MessageSplitter splitter(int maxLength) {
        return new MessageSplitter(new EscapingFormat(maxLength));
    }

    @Test
    void shortTextIsOnePart() {
        MessageSplitter splitter = splitter(100);

        assertThat(splitter.split("Hello")).containsExactly("Hello");
        assertThat(splitter.splitFirst("Hello")).isEqualTo(new MessageSplitter.Split("Hello", ""));
        assertThat(splitter.split("")).isEmpty();
    }

    @Test
    void paragraphBreakIsPreferred() {
        String first = "alpha ".repeat(10).strip();
        String second = "beta gamma. delta\nepsilon " + "zeta ".repeat(10);

        MessageSplitter.Split split = splitter(100).splitFirst(first + "\n\n" + second);

        assertThat(split).isEqualTo(new MessageSplitter.Split(first, second));
    }

    @Test
    void lineBreakBeatsSentenceEnd() {
        String first = "x".repeat(55);
        String second = "Sentence one. Sentence two goes on and on and on and on.";

        MessageSplitter.Split split = splitter(100).splitFirst(first + "\n" + second);

        assertThat(split).isEqualTo(new MessageSplitter.Split(first, second));
    }

    @Test
    void sentenceEndBeatsSpace() {
        String text = "aaaa ".repeat(13) + "bbbb. " + "cccc ".repeat(10);

        MessageSplitter.Split split = splitter(100).splitFirst(text);

        assertThat(split.head()).isEqualTo("aaaa ".repeat(13) + "bbbb.");
        assertThat(split.rest()).isEqualTo("cccc ".repeat(10));
    }

    @Test
    void chineseSentenceEndIsACutPoint() {
        String first = "这是第一句话。".repeat(8);
        String text = first + "第二部分没有句号" + "很长".repeat(30);

        MessageSplitter.Split split = splitter(100).splitFirst(text);

        assertThat(split.head()).isEqualTo(first);
        assertThat(split.rest()).isEqualTo("第二部分没有句号" + "很长".repeat(30));
    }

    @Test
    void cutAvoidsInsideBold() {
        String words = "word ".repeat(16);
        String rest = "**bold phrase that is long** tail words here";

        MessageSplitter.Split split = splitter(100).splitFirst(words + rest);

        assertThat(split).isEqualTo(new MessageSplitter.Split(words.stripTrailing(), rest));
    }

    @Test
    void cutAvoidsInsideInlineCodeAndLinks() {
        String words = "word ".repeat(16);
        String rest = "`some code with spaces` [a link text](https://example.com/a) end";

        MessageSplitter.Split split = splitter(100).splitFirst(words + rest);

        assertThat(split).isEqualTo(new MessageSplitter.Split(words.stripTrailing(), rest));
    }

    @Test
    void lengthIsMeasuredAfterRendering() {
        EscapingFormat format = new EscapingFormat(4096);
        String text = "a & b ".repeat(2000);

        List<String> parts = new MessageSplitter(format).split(text);

        assertThat(parts).hasSize(5);
        for (String part : parts.subList(0, parts.size() - 1)) {
            assertThat(format.render(part).length()).isBetween(4096 - 10, 4096);
        }
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }

    @Test
    void codeBlockAcrossCutIsClosedAndReopened() {
        List<String> codeLines = IntStream.range(0, 200)
                .mapToObj(i -> "print(%03d < limit)".formatted(i))
                .toList();
        String text = "Intro line.\n\n```python\n" + String.join("\n", codeLines) + "\n```\nAfter.";
        EscapingFormat format = new EscapingFormat(2000);

        List<String> parts = new MessageSplitter(format).split(text);

        assertThat(parts).hasSize(3);
        assertThat(parts.get(0)).startsWith("Intro line.\n\n```python\nprint(000 < limit)\n").endsWith("\n```");
        assertThat(parts.get(1)).startsWith("```python\n").endsWith("\n```");
        assertThat(parts.get(2)).startsWith("```python\n").endsWith(")\n```\nAfter.");
        for (String part : parts) {
            assertThat(format.render(part).length()).isLessThanOrEqualTo(2000);
            assertThat(CodeFence.openAt(part, part.length())).isEmpty();
        }
        List<String> linesSeen = parts.stream()
                .flatMap(part -> part.lines())
                .filter(line -> line.startsWith("print("))
                .toList();
        assertThat(linesSeen).isEqualTo(codeLines);
    }

    @Test
    void tildeFenceReopensWithLanguage() {
        String text = "~~~~rust\n" + "let x = 1;\n".repeat(30);

        List<String> parts = splitter(200).split(text);

        assertThat(parts).hasSize(2);
        assertThat(parts.get(0)).isEqualTo("~~~~rust\n" + "let x = 1;\n".repeat(17) + "~~~~");
        assertThat(parts.get(1)).isEqualTo("~~~~rust\n" + "let x = 1;\n".repeat(13));
    }

    @Test
    void cutBeforeClosingFenceLeavesNoEmptyBlock() {
        String code = "x".repeat(90);
        String text = "```\n" + code + "\n```\nafter text here";

        List<String> parts = splitter(100).split(text);

        assertThat(parts).containsExactly("```\n" + code + "\n```", "after text here");
    }

    @Test
    void emojiSurrogatePairsAreNeverSplit() {
        String text = "a" + "😀".repeat(3000);

        List<String> parts = splitter(4096).split(text);

        assertThat(parts).containsExactly("a" + "😀".repeat(2047), "😀".repeat(953));
    }

    @Test
    void zwjSequencesStayWhole() {
        String text = "ab" + FAMILY.repeat(600);

        List<String> parts = splitter(4096).split(text);

        assertThat(FAMILY).hasSize(8);
        assertThat(parts).containsExactly("ab" + FAMILY.repeat(511), FAMILY.repeat(89));
    }

    @Test
    void shownTextIsKeptInItsMessage() {
        String text = "a".repeat(60) + "\n\n" + "b ".repeat(40);

        MessageSplitter.Split withoutKeep = splitter(100).splitFirst(text);
        MessageSplitter.Split withKeep = splitter(100).splitFirst(text, 80);

        assertThat(withoutKeep.head()).isEqualTo("a".repeat(60));
        assertThat(withKeep.head()).isEqualTo("a".repeat(60) + "\n\n" + "b ".repeat(18) + "b");
        assertThat(withKeep.rest()).isEqualTo("b ".repeat(21));
    }

    @Test
    void hundredThousandCharsSplitInLinearWork() {
        List<String> paragraphs = IntStream.range(0, 100).mapToObj(MessageSplitterTest::paragraph).toList();
        String text = String.join("\n\n", paragraphs);
        CountingFormat format = new CountingFormat(new EscapingFormat(4096));

        List<String> parts = new MessageSplitter(format).split(text);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i += 4) {
            expected.add(String.join("\n\n", paragraphs.subList(i, i + 4)));
        }
        assertThat(text).hasSize(100_198);
        assertThat(parts).isEqualTo(expected);
        // Rendering the whole remainder for each part would pass 2.5 million characters.
        assertThat(format.renderedChars).isLessThan(20L * text.length());
    }

    /** Returns a paragraph of exactly 1,000 characters that starts with its number and ends with a full stop. */
    private static String paragraph(int number) {
        String words = IntStream.range(0, 200).mapToObj(i -> "word").collect(Collectors.joining(" "));
        return ("Paragraph %03d. ".formatted(number) + words).substring(0, 999) + ".";
    }

    /** Counts how many characters the splitter renders, as a measure of its work. */
    private static final class CountingFormat implements ReplyFormat {
        private final ReplyFormat delegate;
        long renderedChars;

        CountingFormat(ReplyFormat delegate) {
            this.delegate = delegate;
        }

        @Override
        public int maxLength() {
            return delegate.maxLength();
        }

        @Override
        public String render(String markdown) {
            renderedChars += markdown.length();
            return delegate.render(markdown);
        }
    }
}
