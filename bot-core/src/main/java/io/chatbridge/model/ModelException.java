package io.chatbridge.model;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A failed model call, with what the endpoint said about it.
 *
 * <p>The message never contains the API key; it names the HTTP status, the API's error type
 * and code, and the endpoint's own message, so that an operator can act on it.
 */
public final class ModelException extends Exception {

    private final ModelErrorKind kind;
    private final int httpStatus;
    private final @Nullable String errorType;
    private final @Nullable String errorCode;
    private final @Nullable Duration retryAfter;
    private final String partialText;

    /**
     * Creates an exception.
     *
     * @param kind the category
     * @param message a readable description, free of secrets
     * @param httpStatus the HTTP status, or 0 when there was no response
     * @param errorType the API's {@code error.type}, or null
     * @param errorCode the API's {@code error.code}, or null
     * @param retryAfter how long the server asked to wait, or null
     * @param partialText answer text received before the failure, possibly empty
     * @param cause the underlying exception, or null
     */
    public ModelException(
            ModelErrorKind kind,
            String message,
            int httpStatus,
            @Nullable String errorType,
            @Nullable String errorCode,
            @Nullable Duration retryAfter,
            String partialText,
            @Nullable Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
        this.partialText = Objects.requireNonNull(partialText, "partialText");
    }

    /** Creates an exception with no HTTP context, for network failures and timeouts. */
    public static ModelException of(ModelErrorKind kind, String message, @Nullable Throwable cause) {
        return new ModelException(kind, message, 0, null, null, null, "", cause);
    }

    public ModelErrorKind kind() {
        return kind;
    }

    /** Returns the HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    public @Nullable String errorType() {
        return errorType;
    }

    public @Nullable String errorCode() {
        return errorCode;
    }

    /** Returns the delay the server asked for in {@code retry-after-ms} or {@code retry-after}, or null. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    /** Returns the answer text that had arrived before the failure, possibly empty. */
    public String partialText() {
        return partialText;
    }

    /** Returns a copy that carries the partial answer received so far. */
    public ModelException withPartialText(String text) {
        return new ModelException(kind, getMessage() == null ? "" : getMessage(), httpStatus, errorType,
                errorCode, retryAfter, text, getCause());
    }
}
