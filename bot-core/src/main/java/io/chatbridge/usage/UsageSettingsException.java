package io.chatbridge.usage;

import java.util.List;

/**
 * The {@code usage:} configuration section is invalid. {@link #problems()} lists each problem on
 * its own, naming the key, the value received and the rule.
 */
public final class UsageSettingsException extends RuntimeException {

    private final List<String> problems;

    /** Creates an exception listing problems; there must be at least one. */
    public UsageSettingsException(List<String> problems) {
        super("Invalid usage settings:\n  - " + String.join("\n  - ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a UsageSettingsException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Returns the problems, one sentence each, such as {@code usage.time_zone: unknown time zone 'Mars/Base'}. */
    public List<String> problems() {
        return problems;
    }
}
