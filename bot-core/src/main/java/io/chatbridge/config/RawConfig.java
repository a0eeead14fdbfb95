package io.chatbridge.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Configuration values as written in the file and the environment, before they are checked.
 * The environment's values replace the file's. Not thread-safe.
 */
final class RawConfig {

    private final Map<ConfigKey, RawValue> values = new EnumMap<>(ConfigKey.class);
    private final Map<ConfigKey, List<RawValue>> lists = new EnumMap<>(ConfigKey.class);
    private final Map<String, Map<String, RawValue>> chats = new LinkedHashMap<>();
    private final Map<String, JsonNode> sections = new LinkedHashMap<>();

    /** Keeps a feature section's YAML for its own binder. */
    void putSection(String name, JsonNode node) {
        sections.put(name, node);
    }

    /** Returns a feature section's YAML, or null when the file has none. */
    @Nullable JsonNode section(String name) {
        return sections.get(name);
    }

    void put(ConfigKey key, RawValue value) {
        values.put(key, value);
    }

    void putList(ConfigKey key, List<RawValue> items) {
        lists.put(key, List.copyOf(items));
    }

    /** Adds a per-chat override with no values, or returns the one already added. */
    Map<String, RawValue> chat(String chatRef) {
        return chats.computeIfAbsent(chatRef, ref -> new LinkedHashMap<>());
    }

    /** Returns the value of a key, or null when neither the file nor the environment sets it. */
    @Nullable RawValue value(ConfigKey key) {
        return values.get(key);
    }

    /** Returns the items of a list key, empty when unset. */
    List<RawValue> list(ConfigKey key) {
        return lists.getOrDefault(key, List.of());
    }

    /** Returns the per-chat overrides by chat reference, in file order. */
    Map<String, Map<String, RawValue>> chats() {
        return chats;
    }
}
