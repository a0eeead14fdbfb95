package io.chatbridge.model;

/** Why a model call failed, in the categories that decide retrying and what the member is told. */
public enum ModelErrorKind {
    /** The prompt and completion do not fit the model's context window (HTTP 400). */
    CONTEXT_LENGTH_EXCEEDED(false),
    /** Too many requests or tokens per minute (HTTP 429 without a quota code). */
    RATE_LIMITED(true),
    /** The account has no credit left (HTTP 429 {@code insufficient_quota}, or 402). */
    QUOTA_EXHAUSTED(false),
    /** The API key was rejected (HTTP 401 or 403). */
    INVALID_KEY(false),
    /** The model name is unknown to the endpoint (HTTP 404). */
    MODEL_NOT_FOUND(false),
    /** The request itself was rejected (other HTTP 4xx). */
    BAD_REQUEST(false),
    /** The endpoint or a proxy in front of it failed (HTTP 5xx, an HTML error page). */
    UPSTREAM_UNAVAILABLE(true),
    /** The endpoint could not be reached: DNS, connection refused, proxy refused, TLS. */
    NETWORK(true),
    /** No first token, or no bytes between chunks, within the configured timeout. */
    TIMEOUT(true),
    /** The stream ended or broke after some text was produced, or carried an error event. */
    STREAM_BROKEN(false);

    private final boolean retryable;

    ModelErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    /** Returns whether the same request can succeed when sent again. */
    public boolean retryable() {
        return retryable;
    }
}
