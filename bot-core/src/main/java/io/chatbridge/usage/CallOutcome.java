package io.chatbridge.usage;

/** The end state of a model call. */
public enum CallOutcome {
    /** The answer was delivered whole. */
    ANSWERED,
    /** The call failed before any answer text. */
    FAILED,
    /** The stream broke or stalled after part of the answer was shown. */
    INTERRUPTED
}
