package io.chatbridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.reply.MessageSplitter;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bot-core splitter with the real Telegram formatter, as the adapter will use them. */
class TelegramMessageSplitTest {

    private final TelegramHtmlFormat format = new TelegramHtmlFormat();
    private final MessageSplitter splitter = new MessageSplitter(format);

    @Test
    void codeBlockCutRendersValid() {
        String code = IntStream.range(0, 400)
                .mapToObj(i -> "    if x < %d and y > 0: total &= %d".formatted(i, i))
                .collect(Collectors.joining("\n"));
        String markdown = "## Example\n\nThe **loop** below:\n\n```python\n" + code + "\n```\n\n- done";

        List<String> parts = splitter.split(markdown);

        assertThat(parts).hasSizeGreaterThanOrEqualTo(4);
        for (String part : parts) {
            String html = format.render(part);
            assertThat(html.length()).isLessThanOrEqualTo(TelegramHtmlFormat.MAX_MESSAGE_LENGTH);
            assertThat(TelegramHtmlChecker.problem(html)).as(html).isNull();
        }
        assertThat(format.render(parts.get(0))).startsWith("<b>Example</b>\n\nThe <b>loop</b> below:\n\n"
                + "<pre><code class=\"language-python\">    if x &lt; 0 and y &gt; 0: total &amp;= 0\n");
        for (String part : parts.subList(1, parts.size())) {
            assertThat(format.render(part)).startsWith("<pre><code class=\"language-python\">    if x &lt; ");
        }
        assertThat(format.render(parts.getLast())).endsWith("total &amp;= 399</code></pre>\n\n• done");
    }

    @Test
    void escapedTextIsMeasuredAfterRendering() {
        String markdown = "a < b & c > d. ".repeat(1_000);

        List<String> parts = splitter.split(markdown);

        assertThat(parts).hasSize(7);
        for (String part : parts.subList(0, parts.size() - 1)) {
            assertThat(format.render(part).length()).isBetween(4_000, TelegramHtmlFormat.MAX_MESSAGE_LENGTH);
            assertThat(part).endsWith("d.");
        }
        assertThat(String.join(" ", parts)).isEqualTo(markdown);
    }
}
