package io.chatbridge.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML file into a {@link RawConfig}, reporting unknown keys and values of the wrong
 * shape (a list where a single value belongs, and so on). Values are checked later, together
 * with those from the environment.
 */
final class YamlConfigReader {

    /** A repeated key would otherwise silently replace the first, hiding a mistake. */
    private static final YAMLMapper MAPPER =
            YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final RawConfig raw;
    private final Problems problems;

    private YamlConfigReader(RawConfig raw, Problems problems) {
        this.raw = raw;
        this.problems = problems;
    }

    /**
     * Reads {@code file} into {@code raw}, adding structure problems to {@code problems}.
     *
     * @throws ConfigException when the file cannot be read or is not valid YAML
     */
    static void read(Path file, RawConfig raw, Problems problems) throws ConfigException {
        JsonNode root = parse(file);
        if (root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            problems.rejectKey(file.toString(),
                    "expected a mapping of keys such as openai and telegram, got " + describe(root));
            return;
        }
        new YamlConfigReader(raw, problems).readSection(root, "");
    }

    private static JsonNode parse(Path file) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonNode root = MAPPER.readTree(reader);
            return root == null ? MAPPER.missingNode() : root;
        } catch (JacksonException e) {
            // The parser's own message quotes the offending line, which may contain a secret, so it
            // is not kept as the cause.
            throw new ConfigException(List.of(file + ": invalid YAML " + syntaxProblem(e)));
        } catch (AccessDeniedException e) {
            throw new ConfigException(file + ": cannot be read, permission denied;"
                    + " make it readable by the user that runs the bot", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e, e);
        }
    }

    /** Describes a parser failure as {@code at line L, column C: problem}, both counted from 1. */
    private static String syntaxProblem(JacksonException e) {
        // SnakeYAML's own exception points at the offending character, and its problem text is
        // one short line; Jackson's message repeats the source excerpt over several lines.
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return "at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": "
                    + yaml.getProblem();
        }
        JsonLocation location = e.getLocation();
        String detail = firstLine(e.getOriginalMessage());
        if (location == null || location.getLineNr() < 1) {
            return ": " + detail;
        }
        return "at line " + location.getLineNr() + ", column " + location.getColumnNr() + ": " + detail;
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private void readSection(JsonNode section, String sectionPath) {
        for (Map.Entry<String, JsonNode> field : section.properties()) {
            String name = field.getKey();
            String path = sectionPath.isEmpty() ? name : sectionPath + "." + name;
            JsonNode node = field.getValue();

            ConfigKey key = ConfigKey.byPath(path);
            if (key != null) {
                readKey(key, node);
            } else if (path.equals(ConfigKey.CHATS)) {
                readChats(node);
            } else if (ConfigKey.FEATURE_SECTIONS.contains(path)) {
                raw.putSection(path, node);
            } else if (ConfigKey.isSection(path)) {
                readSubsection(node, path);
            } else {
                rejectUnknown(path, name, sectionPath, ConfigKey.childNames(sectionPath));
            }
        }
    }

    private void readSubsection(JsonNode node, String path) {
        // An empty section ("openai:" with nothing under it) is null in YAML and means "all defaults".
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.rejectKey(path, "expected a mapping of keys such as "
                    + String.join(" and ", ConfigKey.childNames(path).subList(0, 2))
                    + ", got " + describe(node));
            return;
        }
        readSection(node, path);
    }

    private void readKey(ConfigKey key, JsonNode node) {
        // "model:" with no value is null in YAML, which leaves the key unset so the default applies.
        if (node.isNull()) {
            return;
        }
        if (key.shape() == ConfigKey.Shape.LIST) {
            readList(key, node);
        } else if (node.isValueNode()) {
            raw.put(key, scalar(node, key.path()));
        } else {
            problems.rejectKey(key.path(), "expected a single value, got " + describe(node));
        }
    }

    private void readList(ConfigKey key, JsonNode node) {
        if (node.isTextual()) {
            // Ids separated by commas, as in the environment variable.
            raw.putList(key, EnvironmentReader.splitList(key.path(), node.asText()));
            return;
        }
        if (node.isValueNode()) {
            raw.putList(key, List.of(scalar(node, key.path())));
            return;
        }
        if (!node.isArray()) {
            problems.rejectKey(key.path(), "expected a list of ids such as [123456789], got " + describe(node));
            return;
        }
        var items = new ArrayList<RawValue>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = key.path() + "[" + i + "]";
            if (item.isValueNode() && !item.isNull()) {
                items.add(scalar(item, itemPath));
            } else {
                problems.rejectKey(itemPath, "expected an id, got " + describe(item));
            }
        }
        raw.putList(key, items);
    }

    private void readChats(JsonNode node) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.rejectKey(ConfigKey.CHATS,
                    "expected a mapping from chat references such as \"telegram:-100123\" to settings, got "
                            + describe(node));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            readChat(entry.getKey(), entry.getValue());
        }
    }

    private void readChat(String chatRef, JsonNode node) {
        String chatPath = chatPath(chatRef);
        Map<String, RawValue> values = raw.chat(chatRef);
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            problems.rejectKey(chatPath, "expected a mapping of settings such as system_prompt, got " + describe(node));
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            String path = chatPath + "." + name;
            JsonNode value = field.getValue();
            if (!ConfigKey.CHAT_KEYS.contains(name)) {
                rejectUnknown(path, name, chatPath, ConfigKey.CHAT_KEYS);
            } else if (value.isNull()) {
                continue;
            } else if (value.isValueNode()) {
                values.put(name, scalar(value, path));
            } else {
                problems.rejectKey(path, "expected a single value, got " + describe(value));
            }
        }
    }

    /** Returns the path of a per-chat override; the reference is quoted because it has a colon. */
    static String chatPath(String chatRef) {
        return ConfigKey.CHATS + ".\"" + chatRef + "\"";
    }

    private void rejectUnknown(String path, String name, String sectionPath, List<String> siblings) {
        String suggestion = KeySuggestions.closest(name, siblings);
        if (suggestion != null) {
            String prefix = sectionPath.isEmpty() ? "" : sectionPath + ".";
            problems.rejectKey(path, "unknown key, did you mean " + prefix + suggestion + "?");
            return;
        }

        // A key written in the wrong section, such as "model" at the top level. Per-chat
        // overrides are left out because keys of other sections are not allowed there at all.
        ConfigKey elsewhere = sectionPath.startsWith(ConfigKey.CHATS + ".") ? null : keyNamed(name);
        if (elsewhere != null) {
            problems.rejectKey(path, "unknown key, did you mean " + elsewhere.path() + "?");
            return;
        }
        problems.rejectKey(path, "unknown key, expected one of " + String.join(", ", siblings));
    }

    private static @Nullable ConfigKey keyNamed(String name) {
        for (ConfigKey key : ConfigKey.values()) {
            if (key.path().endsWith("." + name)) {
                return key;
            }
        }
        return null;
    }

    private static RawValue scalar(JsonNode node, String path) {
        return new RawValue(node.asText(), path, node.isTextual());
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case NULL, MISSING -> "nothing";
            // The value is not shown because a secret may have landed in the wrong place.
            default -> "a single value";
        };
    }
}
