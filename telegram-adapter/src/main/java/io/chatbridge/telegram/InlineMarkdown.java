package io.chatbridge.telegram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses the inline Markdown of one line and writes it to a {@link MarkupWriter}: code spans,
 * links, bold, italic, bold italic and strikethrough, and backslash escapes.
 *
 * <p>Parsing has two steps. The line becomes tokens, in which code spans and links are already
 * whole, so no marker inside them can pair with one outside. Then each opening run of
 * {@code *}, {@code _} or {@code ~~} pairs with the first closing run of the same kind after it.
 * Every style is written between its opening and closing token, so the output nests by
 * construction, and a marker that pairs with nothing is written as text. This is how unfinished
 * markup in a streaming answer stays valid.
 *
 * <p>The rules are simpler than CommonMark's. An opening run must be followed by a non-space and a
 * closing run preceded by one. An underscore does not open after a letter or digit, nor close before
 * one, so {@code snake_case} stays as it is. CommonMark's punctuation rules are left out, which
 * also lets {@code **粗体：**后文} become bold as a Chinese reader expects.
 */
final class InlineMarkdown {

    /**
     * Maximum lengths of link text and link target that are scanned, which bounds the work for a
     * {@code [} that never closes.
     */
    private static final int MAX_LINK_TEXT = 1_000;
    private static final int MAX_LINK_TARGET = 2_048;
    /** Schemes that Telegram opens; a link to anything else is shown as the Markdown it was. */
    private static final List<String> LINK_SCHEMES = List.of("http://", "https://", "tg://", "mailto:");
    private static final String ASCII_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    sealed interface Token {
    }

    record Literal(String text) implements Token {
    }

    record CodeSpan(String code) implements Token {
    }

    record Link(String url, List<Token> children) implements Token {
    }

    /**
     * A run of {@code *}, {@code _} or {@code ~~}.
     *
     * @param canOpen whether a style may start here: the run is followed by a non-space
     * @param canClose whether a style may end here: the run is preceded by a non-space
     */
    record Delimiter(char marker, int length, boolean canOpen, boolean canClose) implements Token {

        /** Kinds that pair: {@code *} and {@code _} each by run length 1, 2 and 3 or more; {@code ~~}. */
        static final int KINDS = 7;

        int kind() {
            return switch (marker) {
                case '*' -> Math.min(length, 3) - 1;
                case '_' -> 3 + Math.min(length, 3) - 1;
                default -> 6;
            };
        }

        String text() {
            return String.valueOf(marker).repeat(length);
        }
    }

    private InlineMarkdown() {
    }

    /** Writes the inline markup of {@code text}. */
    static void render(String text, MarkupWriter out) {
        new Emitter(tokenize(text), out).emit();
    }

    /** Splits {@code text} into tokens; visible for tests. */
    static List<Token> tokenize(String text) {
        return new Tokenizer(text, 0, text.length(), true).tokenize();
    }

    /** Turns one range of a line into tokens. */
    private static final class Tokenizer {
        private final String source;
        private final int from;
        private final int to;
        private final boolean linksAllowed;
        private final BacktickRuns backticks;
        private final List<Token> tokens = new ArrayList<>();
        private final StringBuilder literal = new StringBuilder();

        Tokenizer(String source, int from, int to, boolean linksAllowed) {
            this.source = source;
            this.from = from;
            this.to = to;
            this.linksAllowed = linksAllowed;
            this.backticks = new BacktickRuns(source, from, to);
        }

        List<Token> tokenize() {
            int i = from;
            while (i < to) {
                char c = source.charAt(i);
                i = switch (c) {
                    case '\\' -> escape(i);
                    case '`' -> codeSpan(i);
                    case '[' -> linkOrLiteral(i, i);
                    case '!' -> i + 1 < to && source.charAt(i + 1) == '[' ? linkOrLiteral(i, i + 1) : literal(i);
                    case '*', '_', '~' -> delimiter(i);
                    default -> literal(i);
                };
            }
            flushLiteral();
            return tokens;
        }

        private int literal(int i) {
            literal.append(source.charAt(i));
            return i + 1;
        }

        private int escape(int i) {
            if (i + 1 < to && ASCII_PUNCTUATION.indexOf(source.charAt(i + 1)) >= 0) {
                literal.append(source.charAt(i + 1));
                return i + 2;
            }
            return literal(i);
        }

        private int codeSpan(int i) {
            int length = runLength(source, i, to, '`');
            int close = backticks.nextRunOfLength(i, length);
            if (close < 0) {
                literal.append("`".repeat(length));
                return i + length;
            }

            String code = source.substring(i + length, close);
            // CommonMark drops one space on each side, so that `` `a` `` can show backticks.
            if (code.length() >= 2 && code.startsWith(" ") && code.endsWith(" ") && !code.isBlank()) {
                code = code.substring(1, code.length() - 1);
            }
            add(new CodeSpan(code));
            return close + length;
        }

        /** Reads {@code [text](url)} at {@code bracket}; an image's {@code !} at {@code start} is dropped. */
        private int linkOrLiteral(int start, int bracket) {
            if (!linksAllowed) {
                return literal(start);
            }

            int textEnd = closingBracket(bracket + 1);
            if (textEnd < 0 || textEnd + 1 >= to || source.charAt(textEnd + 1) != '(') {
                return literal(start);
            }
            int targetEnd = closingParenthesis(textEnd + 2);
            if (targetEnd < 0) {
                return literal(start);
            }
            String url = allowedUrl(source.substring(textEnd + 2, targetEnd));
            if (url == null) {
                return literal(start);
            }

            List<Token> children = new Tokenizer(source, bracket + 1, textEnd, false).tokenize();
            add(new Link(url, children.isEmpty() ? List.of(new Literal(url)) : children));
            return targetEnd + 1;
        }

        private int closingBracket(int start) {
            int depth = 0;
            int end = Math.min(to, start + MAX_LINK_TEXT);
            for (int i = start; i < end; i++) {
                switch (source.charAt(i)) {
                    case '\\' -> i++;
                    case '[' -> depth++;
                    case ']' -> {
                        if (depth == 0) {
                            return i;
                        }
                        depth--;
                    }
                    default -> {
                    }
                }
            }
            return -1;
        }

        private int closingParenthesis(int start) {
            int depth = 0;
            int end = Math.min(to, start + MAX_LINK_TARGET);
            for (int i = start; i < end; i++) {
                switch (source.charAt(i)) {
                    case '\\' -> i++;
                    case '(' -> depth++;
                    case ')' -> {
                        if (depth == 0) {
                            return i;
                        }
                        depth--;
                    }
                    default -> {
                    }
                }
            }
            return -1;
        }

        private int delimiter(int i) {
            char marker = source.charAt(i);
            int length = runLength(source, i, to, marker);
            if (marker == '~' && length != 2) {
                literal.append(String.valueOf(marker).repeat(length));
                return i + length;
            }

            int end = i + length;
            char before = i > from ? source.charAt(i - 1) : ' ';
            char after = end < to ? source.charAt(end) : ' ';
            boolean canOpen = !Character.isWhitespace(after);
            boolean canClose = !Character.isWhitespace(before);
            if (marker == '_') {
                canOpen = canOpen && !Character.isLetterOrDigit(before);
                canClose = canClose && !Character.isLetterOrDigit(after);
            }
            add(new Delimiter(marker, length, canOpen, canClose));
            return end;
        }

        private void add(Token token) {
            flushLiteral();
            tokens.add(token);
        }

        private void flushLiteral() {
            if (!literal.isEmpty()) {
                tokens.add(new Literal(literal.toString()));
                literal.setLength(0);
            }
        }
    }

    /** Returns the link's URL when its scheme is allowed, else null. A title after the URL is ignored. */
    private static @Nullable String allowedUrl(String target) {
        String url = target.strip();
        if (url.startsWith("<") && url.indexOf('>') > 0) {
            url = url.substring(1, url.indexOf('>'));
        } else {
            int space = 0;
            while (space < url.length() && !Character.isWhitespace(url.charAt(space))) {
                space++;
            }
            url = url.substring(0, space);
        }

        String lower = url.toLowerCase(Locale.ROOT);
        for (String scheme : LINK_SCHEMES) {
            if (lower.startsWith(scheme) && lower.length() > scheme.length()) {
                return url;
            }
        }
        return null;
    }

    private static int runLength(String text, int start, int to, char c) {
        int i = start;
        while (i < to && text.charAt(i) == c) {
            i++;
        }
        return i - start;
    }

    /**
     * The runs of backticks in one range, each linked to the next run of the same length, so that
     * finding a code span's end takes constant time even when many backticks never close.
     */
    private static final class BacktickRuns {
        private final List<int[]> runs = new ArrayList<>();
        private int cursor;

        BacktickRuns(String text, int from, int to) {
            List<int[]> found = new ArrayList<>();
            int i = from;
            while (i < to) {
                if (text.charAt(i) == '`') {
                    int length = runLength(text, i, to, '`');
                    found.add(new int[] {i, length, -1});
                    i += length;
                } else {
                    i++;
                }
            }

            Map<Integer, Integer> nextByLength = new HashMap<>();
            for (int r = found.size() - 1; r >= 0; r--) {
                int[] run = found.get(r);
                run[2] = nextByLength.getOrDefault(run[1], -1);
                nextByLength.put(run[1], r);
            }
            runs.addAll(found);
        }

        /** Returns the start of the next run of {@code length} backticks after the run at {@code start}, or -1. */
        int nextRunOfLength(int start, int length) {
            while (cursor < runs.size() && runs.get(cursor)[0] < start) {
                cursor++;
            }
            if (cursor == runs.size() || runs.get(cursor)[0] != start) {
                return -1;
            }
            int next = runs.get(cursor)[2];
            return next < 0 ? -1 : runs.get(next)[0];
        }
    }

    /** Writes tokens, pairing each opening delimiter with the first closing one of its kind. */
    private static final class Emitter {
        private final List<Token> tokens;
        private final MarkupWriter out;
        /** For each kind and token index, the index of the next closing delimiter of that kind, or MAX_VALUE. */
        private final int[][] nextCloser;

        Emitter(List<Token> tokens, MarkupWriter out) {
            this.tokens = tokens;
            this.out = out;
            this.nextCloser = new int[Delimiter.KINDS][tokens.size()];
            int[] next = new int[Delimiter.KINDS];
            Arrays.fill(next, Integer.MAX_VALUE);
            for (int i = tokens.size() - 1; i >= 0; i--) {
                for (int kind = 0; kind < Delimiter.KINDS; kind++) {
                    nextCloser[kind][i] = next[kind];
                }
                if (tokens.get(i) instanceof Delimiter delimiter && delimiter.canClose()) {
                    next[delimiter.kind()] = i;
                }
            }
        }

        void emit() {
            emit(0, tokens.size());
        }

        private void emit(int from, int to) {
            int i = from;
            while (i < to) {
                Token token = tokens.get(i);
                if (token instanceof Delimiter opener && opener.canOpen()) {
                    int closer = nextCloser[opener.kind()][i];
                    if (closer < to) {
                        styled(opener, (Delimiter) tokens.get(closer), i, closer);
                        i = closer + 1;
                        continue;
                    }
                }
                single(token);
                i++;
            }
        }

        private void styled(Delimiter opener, Delimiter closer, int openerIndex, int closerIndex) {
            int used = opener.marker() == '~' ? 2 : Math.min(opener.length(), 3);
            List<MarkupWriter.Style> styles = switch (used) {
                case 1 -> List.of(MarkupWriter.Style.ITALIC);
                case 2 -> List.of(opener.marker() == '~' ? MarkupWriter.Style.STRIKETHROUGH : MarkupWriter.Style.BOLD);
                default -> List.of(MarkupWriter.Style.BOLD, MarkupWriter.Style.ITALIC);
            };

            // Markers beyond three, as in ****text****, are shown as they are.
            out.text(String.valueOf(opener.marker()).repeat(opener.length() - used));
            styles.forEach(out::openStyle);
            emit(openerIndex + 1, closerIndex);
            styles.reversed().forEach(out::closeStyle);
            out.text(String.valueOf(closer.marker()).repeat(closer.length() - used));
        }

        private void single(Token token) {
            switch (token) {
                case Literal literal -> out.text(literal.text());
                case CodeSpan code -> out.code(code.code());
                case Delimiter delimiter -> out.text(delimiter.text());
                case Link link -> {
                    out.openLink(link.url());
                    new Emitter(link.children(), out).emit();
                    out.closeLink(link.url());
                }
            }
        }
    }
}
