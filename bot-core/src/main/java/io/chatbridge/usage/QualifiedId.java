package io.chatbridge.usage;

import io.chatbridge.engine.Platform;
import java.util.Locale;
import java.util.Set;

/** Platform-qualified ids, {@code platform:id}, as access lists and reports write users and chats. */
final class QualifiedId {

    private QualifiedId() {}

    /** Returns {@code platform:id}, such as {@code telegram:42}. */
    static String of(Platform platform, String id) {
        return platform.id() + ":" + id;
    }

    /**
     * Checks that an id is {@code platform:id} with a known platform in lower case and a non-empty
     * id, and returns it.
     *
     * @throws IllegalArgumentException naming the list, the value and the expected form
     */
    static String check(String list, String value) {
        int colon = value.indexOf(':');
        String platform = colon < 0 ? "" : value.substring(0, colon);
        boolean known = false;
        for (Platform candidate : Platform.values()) {
            known |= candidate.id().equals(platform);
        }
        if (!known || colon == value.length() - 1 || value.strip().length() != value.length()) {
            throw new IllegalArgumentException(list + " entry '" + value + "' must be platform:id with platform "
                    + platformNames() + ", such as telegram:123456789");
        }
        return value;
    }

    static Set<String> checkAll(String list, Set<String> values) {
        for (String value : values) {
            check(list, value);
        }
        return Set.copyOf(values);
    }

    private static String platformNames() {
        StringBuilder names = new StringBuilder();
        for (Platform platform : Platform.values()) {
            names.append(names.isEmpty() ? "" : ", ").append(platform.id());
        }
        return names.toString().toLowerCase(Locale.ROOT);
    }
}
