package io.chatbridge.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelegramHtmlFormatTest {

    private static final String RICH_SAMPLE = """
            # Setup guide

            Install **ChatBridge** with *one* command & check `java -version` < 21?
            - first _step_ with [the docs](https://example.com/docs?a=1&b="2")
            * second ***important*** step ~~not this~~
              + nested item with `code`
            1. numbered **item**

            > a quote with **bold** and [a link](https://example.com)
            >> nested quote

            ---
            ```java
            if (a < b && c > d) { System.out.println("**x**"); }
            ```
            ~~~
            plain <pre> block
            ~~~
            Done: snake_case, 2 * 3 * 4, \\*escaped\\*, ![img](https://example.com/i.png) 😊
            """;

    private final TelegramHtmlFormat format = new TelegramHtmlFormat();

    @Test
    void maxLengthIsTelegramLimit() {
        assertThat(format.maxLength()).isEqualTo(4096);
    }

    @Test
    void specialCharactersAreEscaped() {
        assertThat(format.render("a < b && c > d \"q\"")).isEqualTo("a &lt; b &amp;&amp; c &gt; d \"q\"");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "**bold** text                  | <b>bold</b> text",
        "__bold__                       | <b>bold</b>",
        "*it* and _it_                  | <i>it</i> and <i>it</i>",
        "***both***                     | <b><i>both</i></b>",
        "~~gone~~ ~single~              | <s>gone</s> ~single~",
        "use `a<b && c`                 | use <code>a&lt;b &amp;&amp; c</code>",
        "`` a`b ``                      | <code>a`b</code>",
        "`**not bold**`                 | <code>**not bold**</code>",
        "[**docs**](https://e.com)      | <a href=\"https://e.com\"><b>docs</b></a>",
        "![alt](https://e.com/i.png)    | <a href=\"https://e.com/i.png\">alt</a>",
        "[](https://e.com)              | <a href=\"https://e.com\">https://e.com</a>",
        "[x](javascript:alert(1))       | [x](javascript:alert(1))",
        "my_var_name                    | my_var_name",
        "2 * 3 * 4                      | 2 * 3 * 4",
        "\\*not italic\\*               | *not italic*",
        "**粗体：**后文                  | <b>粗体：</b>后文",
    })
    void inlineConstructsRender(String markdown, String html) {
        assertThat(format.render(markdown.strip())).isEqualTo(html.strip());
    }

    @Test
    void linkUrlIsEscapedInAttribute() {
        assertThat(format.render("[OpenAI](https://openai.com/a?b=1&c=\"2\")"))
                .isEqualTo("<a href=\"https://openai.com/a?b=1&amp;c=&quot;2&quot;\">OpenAI</a>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "'# Title'               | <b>Title</b>",
        "'### Sub **bold** ###'  | <b>Sub <b>bold</b></b>",
        "'## C#'                 | <b>C#</b>",
        "'#hashtag'              | '#hashtag'",
        "'## Title with `code`'  | <b>Title with code</b>",
        "'#'                     | ''",
    })
    void headingsBecomeBoldLines(String markdown, String html) {
        assertThat(format.render(markdown.strip())).isEqualTo(html.strip());
    }

    @Test
    void listBulletsBecomeDots() {
        assertThat(format.render("- one\n* two\n+ three\n  - nested\n1. first"))
                .isEqualTo("• one\n• two\n• three\n  • nested\n1. first");
    }

    @Test
    void quotesBecomeOneBlockquote() {
        assertThat(format.render("> quoted **text**\n> second\n>> nested\nafter"))
                .isEqualTo("<blockquote>quoted <b>text</b>\nsecond\nnested</blockquote>\nafter");
    }

    @Test
    void thematicBreakBecomesDashes() {
        assertThat(format.render("a\n---\nb\n* * *")).isEqualTo("a\n———\nb\n———");
    }

    @Test
    void fencedCodeKeepsLanguage() {
        assertThat(format.render("```python\nif a < b:\n    print('x')\n```"))
                .isEqualTo("<pre><code class=\"language-python\">if a &lt; b:\n    print('x')</code></pre>");
    }

    @Test
    void fencedCodeWithoutLanguageIsPre() {
        assertThat(format.render("```\nplain & simple\n```")).isEqualTo("<pre>plain &amp; simple</pre>");
    }

    @Test
    void tildeFenceEndsAtItsClosingLine() {
        assertThat(format.render("~~~js\nx\n```\n~~~\nafter"))
                .isEqualTo("<pre><code class=\"language-js\">x\n```</code></pre>\nafter");
    }

    @Test
    void indentedFenceStripsItsIndentFromCode() {
        assertThat(format.render("  ```sh\n  ls -l\n    cd x\n  ```"))
                .isEqualTo("<pre><code class=\"language-sh\">ls -l\n  cd x</code></pre>");
    }

    @Test
    void unclosedFenceRunsToTheEnd() {
        assertThat(format.render("text\n```java\nint a = 1;"))
                .isEqualTo("text\n<pre><code class=\"language-java\">int a = 1;</code></pre>");
        assertThat(format.render("text\n```")).isEqualTo("text\n");
        assertThat(format.render("text\n```ja")).isEqualTo("text\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "**bold         | **bold",
        "*a             | *a",
        "`code          | `code",
        "~~x            | ~~x",
        "**a *b** c*    | <b>a *b</b> c*",
        "[text](https://e.com | [text](https://e.com",
        ">              | ''",
    })
    void unfinishedMarkupRendersLiterally(String markdown, String html) {
        assertThat(format.render(markdown.strip())).isEqualTo(html.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "**bold _italic_ bold**         | <b>bold <i>italic</i> bold</b>",
        "*italic **bold** more*         | <i>italic <b>bold</b> more</i>",
        "~~**a** b~~                    | <s><b>a</b> b</s>",
        "**`x`** and `y`                | <b>x</b> and <code>y</code>",
        "[`api` docs](https://e.com)    | <a href=\"https://e.com\">api docs</a>",
        "**see [docs](https://e.com)**  | <b>see <a href=\"https://e.com\">docs</a></b>",
        "> see [docs](https://e.com) `x` | <blockquote>see docs (https://e.com) x</blockquote>",
    })
    void nestingFollowsBotApiRules(String markdown, String html) {
        assertThat(format.render(markdown.strip())).isEqualTo(html.strip());
    }

    @Test
    void crlfLineEndsAreRead() {
        assertThat(format.render("**a**\r\nb")).isEqualTo("<b>a</b>\nb");
    }

    @Test
    void streamedChineseAnswerRenders() throws IOException {
        String markdown = fixtureAnswer();

        assertThat(markdown).isEqualTo("你好！我是一个基于 **gpt-4o-mini** 的助手。\n\n示例代码：\n```java\n"
                + "System.out.println(\"你好\");\n```\n有问题随时问我 😊");
        assertThat(format.render(markdown)).isEqualTo("你好！我是一个基于 <b>gpt-4o-mini</b> 的助手。\n\n示例代码：\n"
                + "<pre><code class=\"language-java\">System.out.println(\"你好\");</code></pre>\n有问题随时问我 😊");
        assertThat(format.plain(markdown)).isEqualTo("你好！我是一个基于 gpt-4o-mini 的助手。\n\n示例代码：\n"
                + "System.out.println(\"你好\");\n有问题随时问我 😊");
    }

    @Test
    void everyPrefixOfStreamedAnswerIsValid() throws IOException {
        String markdown = fixtureAnswer();

        for (int end = 0; end <= markdown.length(); end++) {
            assertValid(markdown.substring(0, end));
        }
    }

    @Test
    void everyPrefixOfRichSampleIsValid() {
        for (int end = 0; end <= RICH_SAMPLE.length(); end++) {
            assertValid(RICH_SAMPLE.substring(0, end));
        }
    }

    @Test
    void richSampleRendersEachConstruct() {
        String html = format.render(RICH_SAMPLE);

        assertThat(html).isEqualTo("""
                <b>Setup guide</b>

                Install <b>ChatBridge</b> with <i>one</i> command &amp; check <code>java -version</code> &lt; 21?
                • first <i>step</i> with <a href="https://example.com/docs?a=1&amp;b=&quot;2&quot;">the docs</a>
                • second <b><i>important</i></b> step <s>not this</s>
                  • nested item with <code>code</code>
                1. numbered <b>item</b>

                <blockquote>a quote with <b>bold</b> and a link (https://example.com)
                nested quote</blockquote>

                ———
                <pre><code class="language-java">if (a &lt; b &amp;&amp; c &gt; d) { System.out.println("**x**"); }</code></pre>
                <pre>plain &lt;pre&gt; block</pre>
                Done: snake_case, 2 * 3 * 4, *escaped*, <a href="https://example.com/i.png">img</a> 😊
                """);
    }

    @Test
    void randomMarkdownAlwaysRendersValid() {
        String alphabet = "*_~`[]()!#>- \n\\<&\"ab:/.😊";
        Random random = new Random(20250101L);
        for (int sample = 0; sample < 3_000; sample++) {
            StringBuilder markdown = new StringBuilder();
            int length = random.nextInt(60);
            for (int i = 0; i < length; i++) {
                int at = random.nextInt(alphabet.length() - 1);
                markdown.append(Character.isHighSurrogate(alphabet.charAt(at)) ? "😊" : String.valueOf(alphabet.charAt(at)));
            }
            markdown.append(random.nextBoolean() ? "[x](https://e.com)" : "```js\n<x>");
            assertValid(markdown.toString());
        }
    }

    @Test
    void checkerRejectsInvalidHtml() {
        assertThat(TelegramHtmlChecker.problem("<b>x</b> &amp; <a href=\"https://e.com\">y</a>")).isNull();
        assertThat(TelegramHtmlChecker.problem("<b>x")).isEqualTo("unclosed tags [b]");
        assertThat(TelegramHtmlChecker.problem("<b><i>x</b></i>")).isEqualTo("closing </b> while open: [i, b] at 7");
        assertThat(TelegramHtmlChecker.problem("<b><code>x</code></b>")).isEqualTo("code inside [b]: code at 3");
        assertThat(TelegramHtmlChecker.problem("a & b")).isEqualTo("unescaped '&' at 2");
        assertThat(TelegramHtmlChecker.problem("a > b")).isEqualTo("unescaped '>' at 2");
        assertThat(TelegramHtmlChecker.problem("<u>x</u>")).isEqualTo("tag not in the Bot API: u at 0");
        assertThat(TelegramHtmlChecker.problem("<blockquote><a href=\"x\">y</a></blockquote>"))
                .isEqualTo("link inside [blockquote]: a href=\"x\" at 12");
    }

    @Test
    void plainTextDropsMarkers() {
        assertThat(format.plain("# Title\n**bold** *it* `code` ~~s~~\n> see [docs](https://e.com)\n- item\n"
                + "[https://e.com](https://e.com) a < b"))
                .isEqualTo("Title\nbold it code s\nsee docs (https://e.com)\n• item\nhttps://e.com a < b");
    }

    @Test
    void plainTextIsNeverLongerThanHtml() throws IOException {
        for (String markdown : List.of(RICH_SAMPLE, fixtureAnswer(), "[https://e.com](https://e.com)",
                "> [a](https://e.com)")) {
            assertThat(format.plain(markdown).length()).isLessThanOrEqualTo(format.render(markdown).length());
        }
    }

    private void assertValid(String markdown) {
        String html = format.render(markdown);
        assertThat(TelegramHtmlChecker.problem(html)).as("HTML for %s: %s", markdown, html).isNull();
        assertThat(format.plain(markdown).length()).as("plain text for %s", markdown)
                .isLessThanOrEqualTo(html.length());
    }

    /** Returns the answer text of the recorded stream, its content deltas concatenated. */
    private static String fixtureAnswer() throws IOException {
        String sse;
        try (InputStream in = Objects.requireNonNull(TelegramHtmlFormatTest.class.getResourceAsStream(
                "/fixtures/openai/stream_zh_markdown_with_usage.sse"), "fixture on the test classpath")) {
            sse = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        ObjectMapper json = new ObjectMapper();
        StringBuilder answer = new StringBuilder();
        for (String line : sse.lines().toList()) {
            if (!line.startsWith("data:") || line.equals("data: [DONE]")) {
                continue;
            }
            for (JsonNode choice : json.readTree(line.substring("data:".length())).path("choices")) {
                answer.append(choice.path("delta").path("content").asText(""));
            }
        }
        return answer.toString();
    }
}
