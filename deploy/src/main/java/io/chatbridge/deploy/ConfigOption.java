package io.chatbridge.deploy;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigException;
import io.chatbridge.config.ConfigLoader;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Loads the configuration for a subcommand and prints its problems readably. */
final class ConfigOption {

    private ConfigOption() {}

    /**
     * Loads the configuration from the file (or the default one) and the process environment.
     *
     * @return the configuration, or null after printing every problem to standard error
     */
    static @Nullable BotConfig load(@Nullable Path file) {
        try {
            return ConfigLoader.load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("Invalid configuration:");
            for (String problem : e.problems()) {
                System.err.println("  - " + problem);
            }
            return null;
        }
    }
}
