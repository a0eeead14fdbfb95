package io.chatbridge.engine;

import java.util.Optional;

/** The commands the engine knows. */
public enum BotCommand {
    START("start"),
    HELP("help"),
    RESET("reset"),
    SYSTEM("system"),
    USAGE("usage"),
    BUDGET("budget");

    private final String commandName;

    BotCommand(String commandName) {
        this.commandName = commandName;
    }

    /** Returns the name as typed after the slash. */
    public String commandName() {
        return commandName;
    }

    /** Finds the command with a lower-case name. */
    public static Optional<BotCommand> find(String name) {
        for (BotCommand command : values()) {
            if (command.commandName.equals(name)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }
}
