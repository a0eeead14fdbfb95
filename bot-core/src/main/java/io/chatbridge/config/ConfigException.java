package io.chatbridge.config;

import java.util.List;

/**
 * Invalid or unreadable configuration, found at start.
 *
 * <p>Each problem is one line that names the key path (or the environment variable when the
 * value came from there), the value received and the rule it broke, such as {@code
 * openai.temperature: 3.5 is out of range, expected a number from 0 to 2}. Secrets are never
 * part of a problem. The message is the problems joined by line breaks.
 */
public final class ConfigException extends Exception {

    private final List<String> problems;

    /**
     * Creates an exception reporting every problem found.
     *
     * @param problems one line each, at least one
     * @throws IllegalArgumentException when {@code problems} is empty
     */
    public ConfigException(List<String> problems) {
        super(String.join("\n", requireSome(problems)));
        this.problems = List.copyOf(problems);
    }

    /** Creates an exception for one problem caused by an I/O or parser failure. */
    public ConfigException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** Returns the problems found, one line each, in the order they were found. */
    public List<String> problems() {
        return problems;
    }

    private static List<String> requireSome(List<String> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        return problems;
    }
}
