package io.chatbridge.config;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems so that all of them are reported together. Not thread-safe. */
final class Problems {

    private final List<String> lines = new ArrayList<>();

    /** Adds {@code source: shown-value explanation}, such as {@code x: 3 is out of range, ...}. */
    void reject(RawValue value, String explanation) {
        lines.add(value.source() + ": " + value.shown() + " " + explanation);
    }

    /** Adds a problem that names its source but must not show the value, as for secrets. */
    void rejectHidden(String source, String explanation) {
        lines.add(source + " " + explanation);
    }

    /** Adds {@code path: explanation} for a problem with the file's structure. */
    void rejectKey(String path, String explanation) {
        lines.add(path + ": " + explanation);
    }

    /** Adds a problem already worded with its key path, as a section's own binder reports it. */
    void add(String problem) {
        lines.add(problem);
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Throws a {@link ConfigException} with every problem, when there is any. */
    void throwIfAny() throws ConfigException {
        if (!lines.isEmpty()) {
            throw new ConfigException(lines);
        }
    }
}
