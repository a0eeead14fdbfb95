package io.chatbridge.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration from a YAML file and environment variables, and checks it.
 *
 * <p>The file uses snake_case keys in sections ({@code openai}, {@code telegram},
 * {@code discord}, {@code conversation}, {@code admins}, {@code chats}) plus the top-level
 * {@code proxy}, {@code data_dir} and {@code language}; {@code deploy/chatbridge.example.yaml}
 * lists every key with its default. Every fixed key can also be set by an environment variable,
 * {@code CHATBRIDGE_} followed by its path in upper case with dots turned into underscores
 * ({@code CHATBRIDGE_OPENAI_TEMPERATURE}); some also have a conventional name such as
 * {@code OPENAI_API_KEY}. The environment wins over the file, and empty variables count as
 * unset. Lists take comma-separated ids ({@code CHATBRIDGE_ADMINS_TELEGRAM=1,2}).
 *
 * <p>All problems are collected and reported together in one {@link ConfigException}: unknown
 * keys (with a suggestion for a likely typo), values of the wrong shape, and values that break
 * their rule. Secret values are never part of a message. Stateless and thread-safe.
 */
public final class ConfigLoader {

    /** The file read when none is named, looked up in the working directory. */
    public static final String DEFAULT_FILE_NAME = "chatbridge.yaml";

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    private ConfigLoader() {}

    /**
     * Loads and checks the configuration.
     *
     * @param file the YAML file; null reads {@value #DEFAULT_FILE_NAME} from the working directory
     *     when it exists, and otherwise only the environment and defaults
     * @param env the environment variables, usually {@link System#getenv()}
     * @return the checked configuration
     * @throws ConfigException when a named file does not exist, cannot be read or is not valid
     *     YAML, or when any key is unknown or any value invalid. It lists every problem found.
     */
    public static BotConfig load(@Nullable Path file, Map<String, String> env) throws ConfigException {
        return load(file, env, Path.of(DEFAULT_FILE_NAME));
    }

    /** Returns the configuration of defaults alone, as with no file and an empty environment. */
    public static BotConfig defaults() {
        var problems = new Problems();
        BotConfig config = new ConfigBinder(new RawConfig(), problems, Map.of()).bind();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the built-in defaults break their own rules");
        }
        return config;
    }

    /** Loads as {@link #load(Path, Map)} does, with the default file at {@code defaultFile}. */
    static BotConfig load(@Nullable Path file, Map<String, String> env, Path defaultFile) throws ConfigException {
        Path source = chooseFile(file, defaultFile);
        var raw = new RawConfig();
        var problems = new Problems();

        if (source != null) {
            YamlConfigReader.read(source, raw, problems);
        }
        EnvironmentReader.apply(env, raw);
        EnvironmentReader.typoWarnings(env).forEach(log::warn);

        BotConfig config = new ConfigBinder(raw, problems, env).bind();
        problems.throwIfAny();
        log.info("Configuration loaded from {}", source == null ? "the environment and defaults" : source);
        return config;
    }

    private static @Nullable Path chooseFile(@Nullable Path file, Path defaultFile) throws ConfigException {
        if (file == null) {
            return Files.isRegularFile(defaultFile) ? defaultFile : null;
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(List.of(file + ": is a directory, expected a YAML file"));
        }
        if (!Files.exists(file)) {
            throw new ConfigException(List.of(file.toAbsolutePath()
                    + ": configuration file does not exist; check the path,"
                    + " or copy deploy/chatbridge.example.yaml there and edit it"));
        }
        return file;
    }
}
