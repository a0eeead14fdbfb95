package io.chatbridge.model;

import io.chatbridge.config.ProxySpec;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Converts the failure of one call to one upstream into a {@link ModelException} with its kind
 * and a readable message that names the upstream host, never the API key or the full URL.
 *
 * <p>Immutable and thread-safe.
 */
final class ModelFailures {

    private static final String BASE_URL_HINT = " Check the base URL (OPENAI_BASE_URL); it usually ends in /v1.";

    private final String host;
    private final @Nullable ProxySpec proxy;
    private final String apiKey;

    /**
     * @param host the upstream host, with the port when it is not the scheme's default
     * @param proxy the proxy calls go through, or null
     * @param apiKey the key to scrub from every message, possibly blank
     */
    ModelFailures(String host, @Nullable ProxySpec proxy, String apiKey) {
        this.host = host;
        this.proxy = proxy;
        this.apiKey = apiKey;
    }

    /** Maps a non-2xx response by its error code first, then by its status. */
    static ModelErrorKind kindForStatus(int status, ErrorBody body) {
        ModelErrorKind byCode = kindForCode(body);
        if (byCode != null) {
            return byCode;
        }
        return switch (status) {
            case 401, 403 -> ModelErrorKind.INVALID_KEY;
            case 402 -> ModelErrorKind.QUOTA_EXHAUSTED;
            // A 404 without an API error body (an HTML page, or OpenAI's unknown_url) points at a
            // wrong base URL rather than at the model.
            case 404 -> body.openAiShape() && !body.hasTypeOrCode("unknown_url")
                    ? ModelErrorKind.MODEL_NOT_FOUND : ModelErrorKind.BAD_REQUEST;
            case 429 -> ModelErrorKind.RATE_LIMITED;
            default -> status >= 500 ? ModelErrorKind.UPSTREAM_UNAVAILABLE : ModelErrorKind.BAD_REQUEST;
        };
    }

    /** Maps an error event that arrived in a 200 response before any answer text. */
    static ModelErrorKind kindForStreamError(ErrorBody body) {
        ModelErrorKind byCode = kindForCode(body);
        if (byCode != null) {
            return byCode;
        }
        if (body.hasTypeOrCode("rate_limit_exceeded") || body.hasTypeOrCode("rate_limit_error")
                || body.hasTypeOrCode("requests") || body.hasTypeOrCode("tokens")) {
            return ModelErrorKind.RATE_LIMITED;
        }
        if (body.hasTypeOrCode("server_error") || body.hasTypeOrCode("service_unavailable")
                || body.hasTypeOrCode("overloaded_error")) {
            return ModelErrorKind.UPSTREAM_UNAVAILABLE;
        }
        return ModelErrorKind.STREAM_BROKEN;
    }

    private static @Nullable ModelErrorKind kindForCode(ErrorBody body) {
        if (body.hasTypeOrCode("insufficient_quota")) {
            return ModelErrorKind.QUOTA_EXHAUSTED;
        }
        if (body.hasTypeOrCode("context_length_exceeded")) {
            return ModelErrorKind.CONTEXT_LENGTH_EXCEEDED;
        }
        if (body.hasTypeOrCode("model_not_found")) {
            return ModelErrorKind.MODEL_NOT_FOUND;
        }
        if (body.hasTypeOrCode("invalid_api_key")) {
            return ModelErrorKind.INVALID_KEY;
        }
        return null;
    }

    /** Describes a non-2xx response. */
    ModelException httpError(int status, ErrorBody body, Headers headers, Instant now, String model) {
        ModelErrorKind kind = kindForStatus(status, body);
        String message = "HTTP " + status + " from " + host + ": " + sentence(body.message() + body.typeAndCode())
                + hint(kind, status, model);
        return new ModelException(kind, redact(message), status, body.type(), body.code(),
                RetryAfter.parse(headers, now), "", null);
    }

    /** Describes an {@code error} event (or a 200 JSON error body) inside a successful response. */
    ModelException streamError(ErrorBody body, String partialText, String model) {
        ModelErrorKind kind = partialText.isEmpty() ? kindForStreamError(body) : ModelErrorKind.STREAM_BROKEN;
        String when = partialText.isEmpty()
                ? "before any answer text"
                : "after " + partialText.length() + " characters of answer text";
        String message = "The stream from " + host + " reported an error " + when + ": "
                + sentence(body.message() + body.typeAndCode()) + hint(kind, 200, model);
        return new ModelException(kind, redact(message), 200, body.type(), body.code(), null, partialText, null);
    }

    /** Describes a 200 response that is an HTML page instead of an event stream. */
    ModelException htmlInsteadOfStream(ErrorBody body) {
        String message = "HTTP 200 from " + host + " is an HTML page, not an event stream: " + sentence(body.message())
                + BASE_URL_HINT;
        return new ModelException(ModelErrorKind.BAD_REQUEST, redact(message), 200, null, null, null, "", null);
    }

    /** Describes a response or chunk that is not the JSON the API sends. */
    ModelException unreadable(String problem, String excerpt, String partialText) {
        String message = "The response from " + host + " has " + problem + ": " + ErrorBody.cap(excerpt);
        return new ModelException(ModelErrorKind.STREAM_BROKEN, redact(message), 200, null, null, null,
                partialText, null);
    }

    /** Describes a call cancelled because no answer text arrived in time. */
    ModelException firstTokenTimeout(Duration timeout, String partialText) {
        // Text can be present only when the first chunk and the deadline arrived at the same moment.
        String event = partialText.isEmpty()
                ? "no answer text from " + host + " within "
                : "the call to " + host + " was cancelled after " + partialText.length()
                        + " characters of answer text, at ";
        String message = "Timed out: " + event + Durations.format(timeout)
                + " of sending the request (first-token timeout).";
        return new ModelException(ModelErrorKind.TIMEOUT, message, 0, null, null, null, partialText, null);
    }

    /** Describes a connection that went silent after the request was sent. */
    ModelException idleTimeout(Duration timeout, String partialText, boolean responseStarted, IOException cause) {
        String message = responseStarted
                ? "Timed out: no data from " + host + " for " + Durations.format(timeout)
                        + " while streaming the answer (idle timeout)."
                : "Timed out: no response from " + host + " within " + Durations.format(timeout)
                        + " of sending the request (idle timeout).";
        return new ModelException(ModelErrorKind.TIMEOUT, message, 0, null, null, null, partialText, cause);
    }

    /** Describes a failure to reach the upstream, before any response arrived. */
    ModelException connectFailure(IOException cause, boolean connected, Duration connectTimeout) {
        String target = proxy == null ? host : host + " through proxy " + proxy;
        String message;
        if (connected) {
            // The server or proxy accepted the connection, so the address settings are not to blame.
            message = "The connection to " + target + " failed before a response arrived: " + describe(cause) + ".";
        } else {
            String failure = cause instanceof SocketTimeoutException
                    ? "Connecting to " + target + " timed out after " + Durations.format(connectTimeout)
                    : "Cannot connect to " + target + ": " + describe(cause);
            String hint = proxy == null
                    ? " Check the base URL (OPENAI_BASE_URL) and that the server is reachable."
                    : " Check the proxy setting and that the proxy is running.";
            message = failure + "." + hint;
        }
        return new ModelException(ModelErrorKind.NETWORK, redact(message), 0, null, null, null, "", cause);
    }

    /** Describes a connection that broke while the answer was streaming. */
    ModelException readFailure(IOException cause, String partialText) {
        if (partialText.isEmpty()) {
            String message = "The connection to " + host + " broke before any answer text: " + describe(cause) + ".";
            return new ModelException(ModelErrorKind.NETWORK, redact(message), 0, null, null, null, "", cause);
        }
        String message = "The stream from " + host + " broke after " + partialText.length()
                + " characters of answer text: " + describe(cause) + ".";
        return new ModelException(ModelErrorKind.STREAM_BROKEN, redact(message), 0, null, null, null,
                partialText, cause);
    }

    /** Describes a stream that ended without {@code [DONE]} and without a finish reason. */
    ModelException endedEarly(String partialText) {
        if (partialText.isEmpty()) {
            String message = "The stream from " + host + " ended before any answer text, without a finish_reason"
                    + " or [DONE].";
            return new ModelException(ModelErrorKind.UPSTREAM_UNAVAILABLE, message, 200, null, null, null, "", null);
        }
        String message = "The stream from " + host + " ended after " + partialText.length()
                + " characters of answer text, without a finish_reason or [DONE].";
        return new ModelException(ModelErrorKind.STREAM_BROKEN, message, 200, null, null, null, partialText, null);
    }

    private static String hint(ModelErrorKind kind, int status, String model) {
        return switch (kind) {
            case INVALID_KEY -> " Check the API key (OPENAI_API_KEY).";
            case MODEL_NOT_FOUND -> " Check the model name (OPENAI_MODEL), which is '" + model + "'.";
            case QUOTA_EXHAUSTED -> " Add credit to the account or use another API key.";
            case CONTEXT_LENGTH_EXCEEDED -> " Lower the prompt token budget or the maximum output tokens.";
            case BAD_REQUEST -> status == 404 ? BASE_URL_HINT : "";
            default -> "";
        };
    }

    /** Ends the text with a period unless it already ends a sentence. */
    private static String sentence(String text) {
        return text.endsWith(".") || text.endsWith("!") || text.endsWith("?") ? text : text + ".";
    }

    /** Returns the exception's type and message, and its cause's when that adds something. */
    private static String describe(Throwable error) {
        String text = error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        Throwable cause = error.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        return text;
    }

    private String redact(String message) {
        return HttpClients.redact(message, apiKey);
    }
}
