package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscordMarkdownFormatTest {

    private final DiscordMarkdownFormat format = DiscordMarkdownFormat.INSTANCE;

    @Test
    void balancedMarkdownIsUnchanged() {
        String markdown = "**Quicksort**\n```java\nint x = 1;\n```\nDone, see `sort()`.";

        assertThat(format.render(markdown)).isEqualTo(markdown);
    }

    @Test
    void openFenceIsClosedOnANewLine() {
        assertThat(format.render("Code:\n```java\nint x = 1;")).isEqualTo("Code:\n```java\nint x = 1;\n```");
    }

    @Test
    void openFenceAfterNewlineGetsNoBlankLine() {
        assertThat(format.render("```\nint x = 1;\n")).isEqualTo("```\nint x = 1;\n```");
    }

    @Test
    void inlineFencesArePaired() {
        assertThat(format.render("Use ```a``` then ```b")).isEqualTo("Use ```a``` then ```b\n```");
    }

    @Test
    void plainMatchesRender() {
        assertThat(format.plain("```py\nprint(1)")).isEqualTo("```py\nprint(1)\n```");
        assertThat(format.plain("*hi*")).isEqualTo("*hi*");
    }

    @Test
    void maxLengthIsDiscordLimit() {
        assertThat(format.maxLength()).isEqualTo(2000);
    }
}
