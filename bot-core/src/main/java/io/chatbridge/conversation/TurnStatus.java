package io.chatbridge.conversation;

/** Whether a stored turn is whole. */
public enum TurnStatus {
    COMPLETE,
    /** The answer stream broke or stalled; the turn holds the text that arrived. */
    INTERRUPTED
}
