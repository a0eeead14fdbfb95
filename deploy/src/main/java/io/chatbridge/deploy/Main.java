package io.chatbridge.deploy;

import java.nio.file.Path;
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

    public static void main(String[] args) {
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
