package io.chatbridge.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The message, type and code of an error response or error event, read from the shapes found in practice.
 *
 * <ul>
 *   <li>OpenAI: <code>{"error": {"message", "type", "code", "param"}}</code>;
 *   <li>relays: <code>{"error": "text"}</code>, <code>{"code": 500, "message": "text"}</code> or
 *       <code>{"detail": "text"}</code>;
 *   <li>proxies: an HTML page, of which only the title (or first heading) is kept;
 *   <li>anything else: the start of the body as plain text.
 * </ul>
 *
 * @param message a readable message of at most {@value #MAX_MESSAGE_CHARS} characters
 * @param type the API's {@code error.type}, or null
 * @param code the API's {@code error.code} as text, or null; numeric codes are dropped because
 *     relays use them to repeat the HTTP status
 * @param openAiShape whether the body had an {@code error} object
 * @param htmlPage whether the body was an HTML page
 */
record ErrorBody(String message, @Nullable String type, @Nullable String code, boolean openAiShape, boolean htmlPage) {

    static final int MAX_MESSAGE_CHARS = 300;

    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern HEADING = Pattern.compile("<h1[^>]*>(.*?)</h1>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern LEADING_STATUS = Pattern.compile("^\\d{3}\\s*[:\\-]?\\s*");

    /**
     * Reads an error response body.
     *
     * @param contentType the response's media type, or null
     * @param body the body text, possibly cut short
     * @param reasonPhrase the HTTP reason phrase, used when the body contains no readable message
     */
    static ErrorBody parse(@Nullable String contentType, String body, String reasonPhrase, ObjectMapper json) {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            return plain(reasonPhrase.isBlank() ? "empty response body" : reasonPhrase);
        }
        if (trimmed.startsWith("{")) {
            ErrorBody parsed = parseJson(trimmed, json);
            if (parsed != null) {
                return parsed;
            }
        }
        boolean html = (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html"))
                || trimmed.startsWith("<");
        if (html) {
            return htmlPage(trimmed, reasonPhrase);
        }
        return plain(trimmed);
    }

    /** Reads the value of an {@code error} field: an object in OpenAI's shape, or a plain string. */
    static ErrorBody fromErrorNode(JsonNode error) {
        if (error.isTextual()) {
            return new ErrorBody(cap(error.asText()), null, null, true, false);
        }
        String message = textOrNull(error.get("message"));
        return new ErrorBody(cap(message == null ? error.toString() : message),
                textOrNull(error.get("type")), textOrNull(error.get("code")), true, false);
    }

    /** Returns " (type: x, code: y)" with the parts that are present, or an empty string. */
    String typeAndCode() {
        if (type == null && code == null) {
            return "";
        }
        StringBuilder suffix = new StringBuilder(" (");
        if (type != null) {
            suffix.append("type: ").append(type);
        }
        if (code != null) {
            suffix.append(type != null ? ", " : "").append("code: ").append(code);
        }
        return suffix.append(')').toString();
    }

    /** Returns whether the type or code equals {@code value}. */
    boolean hasTypeOrCode(String value) {
        return value.equals(type) || value.equals(code);
    }

    private static @Nullable ErrorBody parseJson(String body, ObjectMapper json) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }

        JsonNode error = root.get("error");
        if (error != null && (error.isObject() || error.isTextual())) {
            return fromErrorNode(error);
        }
        String message = textOrNull(root.get("message"));
        if (message == null) {
            message = textOrNull(root.get("detail"));
        }
        if (message != null) {
            return new ErrorBody(cap(message), textOrNull(root.get("type")), textOrNull(root.get("code")),
                    false, false);
        }
        return plain(body);
    }

    private static ErrorBody htmlPage(String body, String reasonPhrase) {
        String title = firstGroup(TITLE, body);
        if (title == null || title.isEmpty()) {
            title = firstGroup(HEADING, body);
        }
        if (title == null || title.isEmpty()) {
            title = reasonPhrase.isBlank() ? "no title" : reasonPhrase;
        }
        // In a title such as "api.example.com | 502: Bad gateway" the error follows the last bar,
        // and its leading status number repeats the HTTP status.
        int bar = title.lastIndexOf('|');
        if (bar >= 0 && bar < title.length() - 1) {
            title = title.substring(bar + 1).strip();
        }
        title = LEADING_STATUS.matcher(title).replaceFirst("");
        return new ErrorBody(cap(title + " (HTML error page)"), null, null, false, true);
    }

    private static @Nullable String firstGroup(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            return null;
        }
        String text = TAG.matcher(matcher.group(1)).replaceAll(" ");
        text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'");
        return collapseWhitespace(text);
    }

    private static ErrorBody plain(String text) {
        return new ErrorBody(cap(text), null, null, false, false);
    }

    private static @Nullable String textOrNull(@Nullable JsonNode node) {
        return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static String collapseWhitespace(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Collapses whitespace and cuts the text to {@value #MAX_MESSAGE_CHARS} characters. */
    static String cap(String text) {
        String collapsed = collapseWhitespace(text);
        if (collapsed.length() <= MAX_MESSAGE_CHARS) {
            return collapsed;
        }
        int end = MAX_MESSAGE_CHARS - 1;
        if (Character.isHighSurrogate(collapsed.charAt(end - 1))) {
            end--;
        }
        return collapsed.substring(0, end) + "…";
    }
}
