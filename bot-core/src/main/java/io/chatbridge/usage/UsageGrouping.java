package io.chatbridge.usage;

import java.util.Locale;

/** The grouping of ledger rows in the usage table: by local day, chat, user or model. */
public enum UsageGrouping {
    DAY,
    CHAT,
    USER,
    MODEL;

    /** Returns the spelling on the command line: {@code day}, {@code chat}, {@code user} or {@code model}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code day}, {@code chat}, {@code user} or {@code model} in any case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static UsageGrouping parse(String value) {
        for (UsageGrouping grouping : values()) {
            if (grouping.id().equalsIgnoreCase(value.strip())) {
                return grouping;
            }
        }
        throw new IllegalArgumentException("unknown grouping '" + value + "', expected day, chat, user or model");
    }
}
