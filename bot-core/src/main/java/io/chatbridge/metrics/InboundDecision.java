package io.chatbridge.metrics;

import io.chatbridge.i18n.MessageKey;

/**
 * The engine's decision on one inbound message, as the {@code decision} and {@code reason} tags of
 * {@code chatbridge_inbound_messages_total} show it. Each message is counted with exactly one
 * decision, unless an internal error ends its handling first. Such errors are counted in
 * {@code chatbridge_engine_errors_total} instead.
 */
public enum InboundDecision {
    /** The question passed every check and went to the model. */
    ANSWERED("answered", "none"),
    /** A command of this bot ran, such as {@code /help}. */
    COMMAND("command", "none"),
    /** The message continued a split message already waiting, and is answered with it. */
    MERGED("merged", "none"),

    /** The rate limit refused the call, and the member got a message saying when to try again. */
    REFUSED_RATE_LIMIT("refused", "rate_limit"),
    /** The member already had the allowed number of answers in progress. */
    REFUSED_IN_FLIGHT("refused", "in_flight"),
    /** A budget of the member or the chat would be passed. */
    REFUSED_BUDGET("refused", "budget"),
    /** The gatekeeper refused the call for a reason not listed above. */
    REFUSED_OTHER_LIMIT("refused", "other_limit"),
    /** The message had neither text nor a usable attachment. */
    REFUSED_EMPTY("refused", "empty"),
    /** An attachment could not be downloaded or read, and the member got a message saying why. */
    REFUSED_ATTACHMENT("refused", "attachment"),
    /** The question alone does not fit the prompt budget. */
    REFUSED_PROMPT_TOO_LARGE("refused", "prompt_too_large"),

    /** The sender is a bot, the bot itself included. */
    IGNORED_FROM_BOT("ignored", "from_bot"),
    /** The access lists do not allow the sender or the chat. */
    IGNORED_NOT_ALLOWED("ignored", "not_allowed"),
    /** A group message that neither mentions nor replies to the bot nor starts with the prefix. */
    IGNORED_NOT_ADDRESSED("ignored", "not_addressed"),
    /** A command for another bot, or an unknown command that does not name this bot. */
    IGNORED_OTHER_BOT_COMMAND("ignored", "other_bot_command");

    private final String decision;
    private final String reason;

    InboundDecision(String decision, String reason) {
        this.decision = decision;
        this.reason = reason;
    }

    /** Returns the {@code decision} tag value: answered, command, merged, refused or ignored. */
    public String decision() {
        return decision;
    }

    /** Returns the {@code reason} tag value, {@code none} for answered, command and merged. */
    public String reason() {
        return reason;
    }

    /** Returns the decision for a gatekeeper refusal with this message to the member. */
    public static InboundDecision refusedWith(MessageKey reason) {
        return switch (reason) {
            case LIMIT_RATE -> REFUSED_RATE_LIMIT;
            case LIMIT_IN_FLIGHT -> REFUSED_IN_FLIGHT;
            case LIMIT_BUDGET -> REFUSED_BUDGET;
            default -> REFUSED_OTHER_LIMIT;
        };
    }
}
