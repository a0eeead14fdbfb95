package io.chatbridge.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the list of model upstreams, {@code openai.upstreams}, from the configuration file:
 *
 * <pre>{@code
 * openai:
 *   upstreams:
 *     - name: relay
 *       base_url: https://relay.example.com/v1
 *       api_key_env: RELAY_API_KEY      # the variable that contains the key
 *       model: openai/gpt-4o-mini       # optional, replaces the chat's model
 *       priority: 1                     # optional, lowest first; default: position in the list
 *       max_retries: 0                  # optional, default openai.max_retries
 *       failover_on: [quota, auth]      # optional: quota, auth, model_not_found
 *     - name: official
 *       base_url: https://api.openai.com/v1
 *       api_key_env: OPENAI_API_KEY
 * }</pre>
 *
 * <p>Keys live only in environment variables; an {@code api_key} in an entry is rejected. Every
 * problem is collected and reported together, as {@link ConfigLoader} does. Stateless and
 * thread-safe.
 */
public final class UpstreamsBinder {

    /** The key path of the list in the configuration file. */
    public static final String PATH = "openai.upstreams";

    private static final YAMLMapper MAPPER =
            YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final List<String> ENTRY_KEYS =
            List.of("name", "base_url", "api_key_env", "model", "priority", "max_retries", "failover_on");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String EXAMPLE_URL = "https://relay.example.com/v1";

    private final Map<String, String> env;
    private final List<String> found = new ArrayList<>();
    /** The problems of the entry being read; each entry gets its own, so an invalid one is left out. */
    private Problems problems = new Problems();

    private UpstreamsBinder(Map<String, String> env) {
        this.env = env;
    }

    /**
     * Returns the upstreams to call, highest priority first: those listed under
     * {@code openai.upstreams} in {@code file}, or, when the file has no such list, the one
     * upstream of {@code openai.*}.
     *
     * @param file the configuration file, or null when there is none
     * @param env the environment variables that {@code api_key_env} names
     * @param openAi the checked {@code openai.*} settings
     * @throws ConfigException when the file cannot be read, or listing every invalid entry
     */
    public static List<UpstreamSettings> load(@Nullable Path file, Map<String, String> env, OpenAiSettings openAi)
            throws ConfigException {
        JsonNode list = file == null ? null : readList(file);
        List<UpstreamSettings> configured = bind(list, env);
        return configured.isEmpty() ? List.of(UpstreamSettings.from(openAi)) : configured;
    }

    /**
     * Checks a parsed {@code openai.upstreams} node and returns its entries sorted by priority.
     *
     * @param list the YAML list, or null (or YAML null) when the key is absent, which gives an empty list
     * @throws ConfigException listing every invalid entry
     */
    public static List<UpstreamSettings> bind(@Nullable JsonNode list, Map<String, String> env) throws ConfigException {
        UpstreamsBinder binder = new UpstreamsBinder(env);
        List<UpstreamSettings> upstreams = binder.entries(list);
        binder.collect();
        if (!binder.found.isEmpty()) {
            throw new ConfigException(binder.found);
        }
        return upstreams;
    }

    private static @Nullable JsonNode readList(Path file) throws ConfigException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonNode root = MAPPER.readTree(reader);
            return root == null ? null : root.path("openai").get("upstreams");
        } catch (JacksonException e) {
            // The main loader reports the syntax error with its line; the message may quote a secret.
            throw new ConfigException(List.of(file + ": invalid YAML, so " + PATH + " cannot be read"));
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e, e);
        }
    }

    private List<UpstreamSettings> entries(@Nullable JsonNode list) {
        if (list == null || list.isNull() || list.isMissingNode()) {
            return List.of();
        }
        if (!list.isArray()) {
            problems.rejectKey(PATH, "expected a list of upstreams, each with name and base_url, got " + describe(list));
            return List.of();
        }
        var upstreams = new ArrayList<UpstreamSettings>();
        var names = new HashSet<String>();
        for (int i = 0; i < list.size(); i++) {
            UpstreamSettings upstream = entry(list.get(i), PATH + "[" + i + "]", i);
            if (upstream != null && !names.add(upstream.name().toLowerCase(Locale.ROOT))) {
                problems.rejectKey(PATH + "[" + i + "].name", "\"" + upstream.name()
                        + "\" is used by an earlier upstream, expected a unique name");
            } else if (upstream != null) {
                upstreams.add(upstream);
            }
            collect();
        }
        // A stable sort keeps file order among equal priorities.
        upstreams.sort(Comparator.comparingInt(UpstreamSettings::priority));
        return List.copyOf(upstreams);
    }

    private @Nullable UpstreamSettings entry(JsonNode node, String path, int position) {
        if (!node.isObject()) {
            problems.rejectKey(path, "expected a mapping with name and base_url, got " + describe(node));
            return null;
        }
        rejectUnknownKeys(node, path);

        String name = required(node, path, "name", this::name);
        String baseUrl = required(node, path, "base_url", value -> UrlRules.baseUrl(value, EXAMPLE_URL, problems));
        String apiKeyEnv = optional(node, path, "api_key_env", this::envName);
        String apiKey = apiKeyEnv == null ? "" : key(apiKeyEnv, path);
        String model = optional(node, path, "model", value -> ValueRules.modelName(value, problems));
        Long priority = optional(node, path, "priority", value -> ValueRules.wholeNumber(value, 0, 1000, null, problems));
        Long maxRetries = optional(node, path, "max_retries",
                value -> ValueRules.wholeNumber(value, 0, 10, null, problems));
        Set<UpstreamSettings.AccountError> failoverOn = failoverOn(node.get("failover_on"), path + ".failover_on");

        if (!problems.isEmpty() || name == null || baseUrl == null || apiKey == null) {
            return null;
        }
        return new UpstreamSettings(name, baseUrl, apiKeyEnv == null ? "" : apiKeyEnv, apiKey, model,
                priority == null ? position : priority.intValue(), maxRetries == null ? null : maxRetries.intValue(),
                failoverOn);
    }

    private void rejectUnknownKeys(JsonNode node, String path) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            if (ENTRY_KEYS.contains(key)) {
                continue;
            }
            if (key.equals("api_key")) {
                // The value is not shown: it is the secret itself.
                problems.rejectKey(path + ".api_key", "keys are not allowed in the configuration file; put the key"
                        + " in an environment variable and give its name in api_key_env");
                continue;
            }
            String suggestion = KeySuggestions.closest(key, ENTRY_KEYS);
            problems.rejectKey(path + "." + key, suggestion != null
                    ? "unknown key, did you mean " + suggestion + "?"
                    : "unknown key, expected one of " + String.join(", ", ENTRY_KEYS));
        }
    }

    private @Nullable String name(RawValue value) {
        String name = value.text().strip();
        if (!UpstreamSettings.NAME.matcher(name).matches()) {
            problems.reject(value, "is not a valid upstream name, expected 1 to 40 letters, digits, '.', '_' or '-'");
            return null;
        }
        return name;
    }

    private @Nullable String envName(RawValue value) {
        String name = value.text().strip();
        if (!ENV_NAME.matcher(name).matches()) {
            problems.reject(value, "is not an environment variable name, expected one such as RELAY_API_KEY;"
                    + " give the name of the variable that holds the key, not the key");
            return null;
        }
        return name;
    }

    /** Returns the key in the named variable, or null after reporting that it is unset or invalid. */
    private @Nullable String key(String variable, String path) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            problems.rejectKey(path + ".api_key_env", "environment variable " + variable
                    + " is not set; set it to the upstream's API key, or remove api_key_env for a relay that needs"
                    + " no key");
            return null;
        }
        return ValueRules.secret(RawValue.fromEnv(variable, value.strip()),
                "give the key alone, without quotes or a \"Bearer \" prefix", problems);
    }

    private Set<UpstreamSettings.AccountError> failoverOn(@Nullable JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return Set.of();
        }
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (node.isTextual()) {
            items.add(node);
        } else {
            problems.rejectKey(path, "expected a list such as [quota, auth], got " + describe(node));
            return Set.of();
        }
        var errors = EnumSet.noneOf(UpstreamSettings.AccountError.class);
        for (int i = 0; i < items.size(); i++) {
            UpstreamSettings.AccountError error = accountError(items.get(i), path + "[" + i + "]");
            if (error != null) {
                errors.add(error);
            }
        }
        return errors;
    }

    private UpstreamSettings.@Nullable AccountError accountError(JsonNode item, String path) {
        String text = item.isValueNode() ? item.asText().strip() : "";
        for (UpstreamSettings.AccountError error : UpstreamSettings.AccountError.values()) {
            if (error.configName().equals(text)) {
                return error;
            }
        }
        problems.reject(new RawValue(item.isValueNode() ? item.asText() : "", path, true),
                "is not an account error, expected quota, auth or model_not_found");
        return null;
    }

    private <T> @Nullable T required(JsonNode node, String path, String key, Function<RawValue, @Nullable T> rule) {
        if (!node.hasNonNull(key)) {
            problems.rejectKey(path + "." + key, "is missing; every upstream needs name and base_url");
            return null;
        }
        return optional(node, path, key, rule);
    }

    private <T> @Nullable T optional(JsonNode node, String path, String key, Function<RawValue, @Nullable T> rule) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            problems.rejectKey(path + "." + key, "expected a single value, got " + describe(value));
            return null;
        }
        return rule.apply(new RawValue(value.asText(), path + "." + key, value.isTextual()));
    }

    /** Moves the current entry's problems to the list reported at the end. */
    private void collect() {
        try {
            problems.throwIfAny();
        } catch (ConfigException e) {
            found.addAll(e.problems());
        }
        problems = new Problems();
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case NULL, MISSING -> "nothing";
            default -> "a single value";
        };
    }
}
