package io.chatbridge.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodeFenceTest {

    @Test
    void backtickFenceWithLanguageOpens() {
        Optional<CodeFence> fence = CodeFence.parseOpening("```java");

        assertThat(fence).contains(new CodeFence(0, '`', 3, "java"));
        assertThat(fence.orElseThrow().language()).isEqualTo("java");
        assertThat(fence.orElseThrow().openingLine()).isEqualTo("```java");
        assertThat(fence.orElseThrow().closingLine()).isEqualTo("```");
    }

    @Test
    void tildeFenceKeepsIndentAndLength() {
        CodeFence fence = CodeFence.parseOpening("  ~~~~ rust title=\"main.rs\"\r").orElseThrow();

        assertThat(fence).isEqualTo(new CodeFence(2, '~', 4, "rust title=\"main.rs\""));
        assertThat(fence.language()).isEqualTo("rust");
        assertThat(fence.openingLine()).isEqualTo("  ~~~~rust title=\"main.rs\"");
        assertThat(fence.closingLine()).isEqualTo("  ~~~~");
    }

    @Test
    void nonFenceLinesDoNotOpen() {
        assertThat(CodeFence.parseOpening("``")).isEmpty();
        assertThat(CodeFence.parseOpening("    ```")).isEmpty();
        assertThat(CodeFence.parseOpening("```a```")).isEmpty();
        assertThat(CodeFence.parseOpening("text ```")).isEmpty();
        assertThat(CodeFence.parseOpening("")).isEmpty();
    }

    @Test
    void closingNeedsSameMarkerAndLength() {
        CodeFence fence = CodeFence.parseOpening("````").orElseThrow();

        assertThat(fence.isClosedBy("````")).isTrue();
        assertThat(fence.isClosedBy("   `````  ")).isTrue();
        assertThat(fence.isClosedBy("```")).isFalse();
        assertThat(fence.isClosedBy("~~~~")).isFalse();
        assertThat(fence.isClosedBy("```` x")).isFalse();
    }

    @Test
    void openAtTracksBlocksLineByLine() {
        String markdown = "a\n```py\nx = 1\n```\nb\n~~~\ny";

        assertThat(CodeFence.openAt(markdown, 1)).isEmpty();
        assertThat(CodeFence.openAt(markdown, markdown.indexOf("x ="))).contains(new CodeFence(0, '`', 3, "py"));
        assertThat(CodeFence.openAt(markdown, markdown.indexOf("b"))).isEmpty();
        assertThat(CodeFence.openAt(markdown, markdown.length())).contains(new CodeFence(0, '~', 3, ""));
    }

    @Test
    void openingLineStillStreamingCountsAsOpen() {
        assertThat(CodeFence.openAt("text\n```ja", 10)).contains(new CodeFence(0, '`', 3, "ja"));
    }
}
