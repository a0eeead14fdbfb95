package io.chatbridge.engine;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A bot command as typed: {@code /name@target arguments}.
 *
 * @param name the command name in lower case, without the slash
 * @param target the bot user name after {@code @}, or null when none was given
 * @param arguments the text after the command, trimmed, possibly empty
 */
public record ParsedCommand(String name, @Nullable String target, String arguments) {

    /**
     * Parses a message text that starts with {@code /}. Returns empty for ordinary text, including
     * a lone slash or a path such as {@code /usr/bin}, which has a second slash in the name.
     */
    public static Optional<ParsedCommand> parse(String text) {
        String trimmed = text.stripLeading();
        if (trimmed.length() < 2 || trimmed.charAt(0) != '/') {
            return Optional.empty();
        }

        int end = 1;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        String head = trimmed.substring(1, end);
        String arguments = trimmed.substring(end).strip();

        String name = head;
        String target = null;
        int at = head.indexOf('@');
        if (at >= 0) {
            name = head.substring(0, at);
            target = head.substring(at + 1);
        }
        if (!isCommandName(name) || (target != null && target.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new ParsedCommand(name.toLowerCase(Locale.ROOT), target, arguments));
    }

    // Telegram allows 1-32 letters, digits and underscores; Discord slash names are similar.
    private static boolean isCommandName(String name) {
        if (name.isEmpty() || name.length() > 32) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether the command names another bot, compared without regard to case. */
    public boolean addressedToOther(String botUsername) {
        return target != null && !target.equalsIgnoreCase(botUsername);
    }

    /** Returns whether the command names this bot explicitly. */
    public boolean addressedTo(String botUsername) {
        return target != null && target.equalsIgnoreCase(botUsername);
    }
}
