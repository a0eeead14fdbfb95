package io.chatbridge.discord;

import io.chatbridge.reply.ReplyFormat;

/**
 * Discord's message format. Discord renders Markdown itself, so the model's Markdown passes
 * through unchanged, except that a code fence left open in the middle of a stream is closed so the
 * partial answer displays as code and not as literal backticks. Stateless and thread-safe.
 */
public final class DiscordMarkdownFormat implements ReplyFormat {

    /** The shared instance. */
    public static final DiscordMarkdownFormat INSTANCE = new DiscordMarkdownFormat();

    /** Discord's limit on a message's {@code content}, in UTF-16 code units. */
    public static final int MAX_LENGTH = 2000;

    private static final String FENCE = "```";

    private DiscordMarkdownFormat() {
    }

    /** Returns 2000, Discord's maximum message length for bots without Nitro. */
    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    /**
     * Returns the Markdown as is, with a closing {@code ```} line added when it contains an odd number
     * of fence markers. Discord pairs {@code ```} markers anywhere in a message, not only at line
     * starts, so every marker is counted.
     */
    @Override
    public String render(String markdown) {
        if (countFences(markdown) % 2 == 0) {
            return markdown;
        }
        return markdown.endsWith("\n") ? markdown + FENCE : markdown + "\n" + FENCE;
    }

    /** Returns the same text as {@link #render}: Discord never rejects Markdown, so no plain fallback is needed. */
    @Override
    public String plain(String markdown) {
        return render(markdown);
    }

    private static int countFences(String text) {
        int count = 0;
        int from = 0;
        while (true) {
            int at = text.indexOf(FENCE, from);
            if (at < 0) {
                return count;
            }
            count++;
            from = at + FENCE.length();
        }
    }
}
