package io.chatbridge.deploy;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code chatbridge} command line: {@code run}, {@code check}, {@code chat} and {@code usage}. */
@Command(
        name = "chatbridge",
        mixinStandardHelpOptions = true,
        version = "ChatBridge 0.1.0",
        description = "Relays Telegram and Discord chats to an OpenAI-compatible chat model.",
        subcommands = {RunCommand.class, CheckCommand.class, ChatCommand.class, UsageCommand.class})
public final class Main implements Runnable {

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:CHATBRIDGE_CONFIG}",
            description = "Configuration file (default: $CHATBRIDGE_CONFIG, else chatbridge.yaml in the working"
                    + " directory if present; environment variables alone also work).")
    @Nullable Path config;

    @CommandLine.Spec
    CommandLine.Model.@Nullable CommandSpec spec;

    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public static void main(String[] args) {
        // Without a UTF-8 locale (systemd, env -i) Java would print Chinese text as question marks.
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));

        String level = System.getenv("CHATBRIDGE_LOG_LEVEL");
        if (level != null && !level.isBlank() && !LOG_LEVELS.contains(level.trim().toUpperCase(Locale.ROOT))) {
            System.err.println("CHATBRIDGE_LOG_LEVEL: \"" + level + "\" is not a log level, expected one of"
                    + " TRACE, DEBUG, INFO, WARN, ERROR or OFF");
            System.exit(2);
        }

        int exitCode = new CommandLine(new Main()).execute(args);
        // Library thread pools (OkHttp's dispatcher keeps idle threads for a minute) would
        // otherwise hold a finished command open.
        System.exit(exitCode);
    }

    @Override
    public void run() {
        // No subcommand: show usage rather than guessing what the operator meant.
        if (spec != null) {
            spec.commandLine().usage(System.out);
        }
    }
}
