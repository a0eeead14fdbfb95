package io.chatbridge.model;

import io.chatbridge.config.ProxySpec;
import java.net.Proxy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Creates the OkHttp clients that every ChatBridge module uses for outgoing HTTP, and scrubs
 * secrets from text that may end up in logs or error messages.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpClients {

    /** The text that replaces a secret in {@link #redact(String, String...)}. */
    public static final String REDACTED = "***";

    private HttpClients() {}

    /**
     * Creates a client with the given timeouts and proxy.
     *
     * <p>The proxy is set on the client directly, so the JVM's {@link java.net.ProxySelector} and the
     * {@code http.proxyHost} family of system properties are never consulted: without a proxy the
     * client connects directly. The call timeout stays unset (no limit on a whole call), because a
     * streamed answer may take minutes while bytes keep arriving; callers bound those calls with
     * {@code readTimeout} and their own deadlines.
     *
     * @param connectTimeout the longest TCP and TLS connect, zero for no limit
     * @param readTimeout the longest idle time between two reads, and between two writes, zero for
     *     no limit
     * @param proxy an HTTP or SOCKS5 proxy, or null to connect directly
     * @return a new client with its own connection pool; share it rather than creating one per call
     * @throws IllegalArgumentException when a timeout is negative
     */
    public static OkHttpClient create(Duration connectTimeout, Duration readTimeout, @Nullable ProxySpec proxy) {
        requireNotNegative("connectTimeout", connectTimeout);
        requireNotNegative("readTimeout", readTimeout);

        return new OkHttpClient.Builder()
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout)
                .callTimeout(Duration.ZERO)
                .proxy(proxy == null ? Proxy.NO_PROXY : proxy.toProxy())
                .build();
    }

    /**
     * Replaces every occurrence of each non-blank secret in {@code text} with {@value #REDACTED}.
     *
     * <p>Longer secrets are replaced first, so a secret that contains another is removed whole.
     * Null and blank secrets are skipped, so callers can pass optional settings as they are.
     *
     * @param text the text to scrub, such as an exception message
     * @param secrets API keys, bot tokens and other values that must not be shown
     * @return the scrubbed text
     */
    public static String redact(String text, @Nullable String... secrets) {
        String[] ordered = Arrays.stream(secrets)
                .filter(Objects::nonNull)
                .filter(secret -> !secret.isBlank())
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toArray(String[]::new);
        String scrubbed = text;
        for (String secret : ordered) {
            scrubbed = scrubbed.replace(secret, REDACTED);
        }
        return scrubbed;
    }

    private static void requireNotNegative(String name, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (no limit) or positive, was " + value);
        }
    }
}
