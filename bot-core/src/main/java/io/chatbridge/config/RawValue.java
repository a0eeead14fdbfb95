package io.chatbridge.config;

/**
 * One configuration value as written, before it is checked, and where it came from.
 *
 * @param text the value as text; a YAML number keeps its YAML spelling
 * @param source the key path (such as {@code openai.temperature} or {@code admins.telegram[1]})
 *     or the environment variable that gave the value
 * @param quoted whether messages show the value in quotes, which is true for text and false for
 *     YAML numbers and booleans, so that {@code 3.5} and {@code "3.5"} read as written
 */
record RawValue(String text, String source, boolean quoted) {

    private static final int MAX_SHOWN_CHARS = 80;

    /** Returns a value read from an environment variable, which is always text. */
    static RawValue fromEnv(String variable, String text) {
        return new RawValue(text, variable, true);
    }

    /** Returns the value as messages show it, quoted and shortened when long. */
    String shown() {
        return quoted ? quote(text) : text;
    }

    /** Returns this value showing {@code replacement} instead of the text, to hide part of it. */
    RawValue showing(String replacement) {
        return new RawValue(replacement, source, quoted);
    }

    private static String quote(String text) {
        String shortened = text.length() > MAX_SHOWN_CHARS
                ? text.substring(0, MAX_SHOWN_CHARS - 1) + "…"
                : text;
        var quotedText = new StringBuilder("\"");
        for (char c : shortened.toCharArray()) {
            switch (c) {
                case '"' -> quotedText.append("\\\"");
                case '\\' -> quotedText.append("\\\\");
                case '\n' -> quotedText.append("\\n");
                case '\r' -> quotedText.append("\\r");
                case '\t' -> quotedText.append("\\t");
                default -> quotedText.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
            }
        }
        return quotedText.append('"').toString();
    }
}
