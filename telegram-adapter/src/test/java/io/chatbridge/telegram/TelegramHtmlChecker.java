package io.chatbridge.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that text is HTML the Telegram Bot API accepts: only its tags, every tag closed in order,
 * nesting as the Bot API allows, and no unescaped {@code <}, {@code >} or {@code &} outside tags.
 */
final class TelegramHtmlChecker {

    private static final Set<String> STYLES = Set.of("b", "i", "s");
    private static final Pattern LINK_TAG = Pattern.compile("a href=\"[^\"<>]*\"");
    private static final Pattern CODE_WITH_LANGUAGE = Pattern.compile("code class=\"language-[A-Za-z0-9_+#.-]+\"");
    private static final List<String> ENTITIES = List.of("&amp;", "&lt;", "&gt;", "&quot;");

    private TelegramHtmlChecker() {
    }

    /** Returns null when the HTML is valid, otherwise what is wrong and where. */
    static String problem(String html) {
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    return "unclosed '<' at " + i;
                }
                String problem = tag(html.substring(i + 1, end), open);
                if (problem != null) {
                    return problem + " at " + i;
                }
                i = end + 1;
            } else if (c == '>') {
                return "unescaped '>' at " + i;
            } else if (c == '&') {
                int at = i;
                String entity = ENTITIES.stream().filter(e -> html.startsWith(e, at)).findFirst().orElse(null);
                if (entity == null) {
                    return "unescaped '&' at " + i;
                }
                i += entity.length();
            } else {
                i++;
            }
        }
        return open.isEmpty() ? null : "unclosed tags " + open;
    }

    private static String tag(String tag, Deque<String> open) {
        if (tag.startsWith("/")) {
            String name = tag.substring(1);
            if (open.isEmpty() || !open.peek().equals(name)) {
                return "closing </" + name + "> while open: " + open;
            }
            open.pop();
            return null;
        }

        String name = tag.contains(" ") ? tag.substring(0, tag.indexOf(' ')) : tag;
        String problem = switch (name) {
            case "b", "i", "s" -> tag.equals(name) && !containsAny(open, "code", "pre") ? null : "style in code: " + tag;
            case "code" -> tag.equals("code") && open.isEmpty()
                    || CODE_WITH_LANGUAGE.matcher(tag).matches() && List.copyOf(open).equals(List.of("pre"))
                    || tag.equals("code") && List.copyOf(open).equals(List.of("pre"))
                    ? null : "code inside " + open + ": " + tag;
            case "pre" -> tag.equals("pre") && open.isEmpty() ? null : "pre inside " + open;
            case "a" -> LINK_TAG.matcher(tag).matches() && open.stream().allMatch(STYLES::contains)
                    ? null : "link inside " + open + ": " + tag;
            case "blockquote" -> tag.equals(name) && open.isEmpty() ? null : "blockquote inside " + open;
            default -> "tag not in the Bot API: " + tag;
        };
        if (problem == null) {
            open.push(name);
        }
        return problem;
    }

    private static boolean containsAny(Deque<String> open, String... names) {
        for (String name : names) {
            if (open.contains(name)) {
                return true;
            }
        }
        return false;
    }
}
