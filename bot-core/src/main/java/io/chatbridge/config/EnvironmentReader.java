package io.chatbridge.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads configuration values from environment variables into a {@link RawConfig}. */
final class EnvironmentReader {

    private static final String PREFIX = "CHATBRIDGE_";

    private EnvironmentReader() {}

    /**
     * Copies every set variable of {@link ConfigKey#envNames()} into {@code raw}, replacing what
     * the file gave. Values are stripped of surrounding white space, and empty values count as
     * unset so that {@code FOO=} in a container definition does not clear a file setting. List
     * keys take comma-separated ids.
     */
    static void apply(Map<String, String> env, RawConfig raw) {
        for (ConfigKey key : ConfigKey.values()) {
            for (String name : key.envNames()) {
                String value = env.get(name);
                if (value == null || value.isBlank()) {
                    continue;
                }
                if (key.shape() == ConfigKey.Shape.LIST) {
                    raw.putList(key, splitList(name, value));
                } else {
                    raw.put(key, RawValue.fromEnv(name, value.strip()));
                }
            }
        }
    }

    /** Splits comma-separated ids, dropping blanks, each item keeping {@code source}. */
    static List<RawValue> splitList(String source, String text) {
        var items = new ArrayList<RawValue>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(RawValue.fromEnv(source, item.strip()));
            }
        }
        return items;
    }

    /**
     * Returns a warning for each {@code CHATBRIDGE_} variable that is not a setting but is close
     * to one, such as {@code CHATBRIDGE_OPENAI_TEMPERTURE}, and every other unknown name too, since a
     * variable that silently does nothing misleads the operator. The launcher's own variables are
     * left alone.
     */
    // Read by the launcher and its logging setup, not by the configuration.
    private static final Set<String> LAUNCHER_NAMES = Set.of("CHATBRIDGE_LOG_LEVEL", "CHATBRIDGE_CONFIG");

    static List<String> typoWarnings(Map<String, String> env) {
        Set<String> known = ConfigKey.allEnvNames();
        var warnings = new ArrayList<String>();
        for (String name : new TreeSet<>(env.keySet())) {
            if (!name.startsWith(PREFIX) || known.contains(name) || LAUNCHER_NAMES.contains(name)) {
                continue;
            }
            String suggestion = KeySuggestions.closest(name, known);
            if (suggestion != null) {
                warnings.add("Environment variable " + name + " is not a setting and is ignored;"
                        + " did you mean " + suggestion + "?");
            } else {
                warnings.add("Environment variable " + name + " is not a setting and is ignored. The usage: and"
                        + " chats: sections have no variables; set them in the configuration file.");
            }
        }
        return warnings;
    }
}
