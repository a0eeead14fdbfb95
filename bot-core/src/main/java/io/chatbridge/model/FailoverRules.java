package io.chatbridge.model;

import java.util.Set;

/** Decides, by error kind, whether a failed call is the upstream's fault, which moves it to the next upstream. */
final class FailoverRules {

    /** Errors of an account or key, which another upstream with another account may not share. */
    static final Set<ModelErrorKind> ACCOUNT_ERRORS =
            Set.of(ModelErrorKind.QUOTA_EXHAUSTED, ModelErrorKind.INVALID_KEY, ModelErrorKind.MODEL_NOT_FOUND);

    private FailoverRules() {}

    /**
     * Returns whether a failure is the upstream's fault rather than the request's. Such a failure
     * moves the call to the next upstream when no answer text was shown, and counts against the
     * upstream's circuit breaker. Account errors are the upstream's fault only where configured:
     * elsewhere every member is told the real reason, which an open breaker would hide behind
     * "unavailable".
     */
    static boolean blamesUpstream(ModelErrorKind kind, Set<ModelErrorKind> alsoFailOverOn) {
        return switch (kind) {
            // STREAM_BROKEN reaches a failover decision only before any text: an unreadable or failed stream.
            case NETWORK, TIMEOUT, UPSTREAM_UNAVAILABLE, RATE_LIMITED, STREAM_BROKEN -> true;
            case QUOTA_EXHAUSTED, INVALID_KEY, MODEL_NOT_FOUND -> alsoFailOverOn.contains(kind);
            case BAD_REQUEST, CONTEXT_LENGTH_EXCEEDED -> false;
        };
    }

    /** Explains why a failure does not move to the next upstream, for the log. */
    static String whyNot(ModelErrorKind kind) {
        return switch (kind) {
            case QUOTA_EXHAUSTED -> "the account has no credit left, and the next upstream is assumed to share it;"
                    + " add failover_on: [quota] to this upstream if the next one uses another account";
            case INVALID_KEY -> "the key was rejected, and the next upstream is assumed to use the same one;"
                    + " add failover_on: [auth] to this upstream if the next one uses another key";
            case MODEL_NOT_FOUND -> "the upstream does not serve this model; add failover_on: [model_not_found] to"
                    + " this upstream if the next one does";
            case BAD_REQUEST, CONTEXT_LENGTH_EXCEEDED -> "the request itself was rejected, so every upstream would"
                    + " reject it";
            default -> "the failure is not one that another upstream can avoid";
        };
    }
}
