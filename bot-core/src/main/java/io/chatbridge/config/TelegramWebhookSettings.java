package io.chatbridge.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Telegram webhook mode, the alternative to long polling: Telegram sends each update as an HTTPS
 * POST to {@code url}, and the bot serves that path on {@code listen}.
 *
 * <p>Telegram reaches only HTTPS URLs on ports 443, 80, 88 or 8443, so a public webhook needs a
 * reverse proxy with a TLS certificate (nginx, Caddy, a cloud load balancer) that forwards the
 * URL's path to {@code listen}. The default listen address, {@code 127.0.0.1:8443}, accepts
 * connections only from that proxy on the same machine.
 *
 * @param url the public HTTPS URL given to Telegram ({@code TELEGRAM_WEBHOOK_URL}); its path is
 *     the path served
 * @param listen the local address and port served ({@code TELEGRAM_WEBHOOK_LISTEN},
 *     {@code host:port}), default {@code 127.0.0.1:8443}; port 0 picks a free port
 * @param secret the value Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token}
 *     ({@code TELEGRAM_WEBHOOK_SECRET}): 1 to 256 of {@code A-Z a-z 0-9 _ -}. When unset, a random
 *     one is made at each start; set it when several instances share one webhook.
 */
public record TelegramWebhookSettings(URI url, InetSocketAddress listen, String secret) {

    public static final String URL_VARIABLE = "TELEGRAM_WEBHOOK_URL";
    public static final String LISTEN_VARIABLE = "TELEGRAM_WEBHOOK_LISTEN";
    public static final String SECRET_VARIABLE = "TELEGRAM_WEBHOOK_SECRET";
    public static final String DEFAULT_LISTEN = "127.0.0.1:8443";

    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final List<Integer> TELEGRAM_PORTS = List.of(443, 80, 88, 8443);
    private static final SecureRandom RANDOM = new SecureRandom();

    public TelegramWebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(secret, "secret");
        if (!SECRET.matcher(secret).matches()) {
            throw new IllegalArgumentException("the webhook secret must be 1 to 256 of A-Z, a-z, 0-9, _ and -");
        }
    }

    /** Returns the path served, such as {@code /telegram/webhook}; {@code /} when the URL has none. */
    public String path() {
        String path = url.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    /**
     * Reads the webhook settings from the environment.
     *
     * @return the settings, or null when {@value #URL_VARIABLE} is unset, which means long polling
     * @throws ConfigException listing every invalid value; the secret's value is never shown
     */
    public static @Nullable TelegramWebhookSettings fromEnvironment(Map<String, String> env) throws ConfigException {
        String urlText = env.get(URL_VARIABLE);
        if (urlText == null || urlText.isBlank()) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        URI url = url(urlText.strip(), problems);
        InetSocketAddress listen = listen(env.getOrDefault(LISTEN_VARIABLE, "").strip(), problems);
        String secret = secret(env.get(SECRET_VARIABLE), problems);
        if (!problems.isEmpty() || url == null || listen == null) {
            throw new ConfigException(problems);
        }
        return new TelegramWebhookSettings(url, listen, secret);
    }

    /** Returns a new random secret of 43 characters (256 bits). */
    public static String randomSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static @Nullable URI url(String text, List<String> problems) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(URL_VARIABLE + ": is not a URL, expected one such as https://bot.example.com/telegram");
            return null;
        }
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            problems.add(URL_VARIABLE + ": must be an https URL with a host, such as https://bot.example.com/telegram,"
                    + " because Telegram delivers webhooks over HTTPS only");
            return null;
        }
        int port = url.getPort() == -1 ? 443 : url.getPort();
        if (!TELEGRAM_PORTS.contains(port)) {
            problems.add(URL_VARIABLE + ": port " + port + " is not one Telegram delivers to; use 443, 80, 88 or 8443");
            return null;
        }
        if (url.getRawQuery() != null || url.getRawUserInfo() != null) {
            problems.add(URL_VARIABLE + ": must not have a query or user info; put the secret in " + SECRET_VARIABLE);
            return null;
        }
        return url;
    }

    private static @Nullable InetSocketAddress listen(String text, List<String> problems) {
        String value = text.isEmpty() ? DEFAULT_LISTEN : text;
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        String portText = colon > 0 ? value.substring(colon + 1) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            problems.add(LISTEN_VARIABLE + ": \"" + value + "\" is not host:port, expected one such as " + DEFAULT_LISTEN);
            return null;
        }
        return new InetSocketAddress(host, port);
    }

    private static String secret(@Nullable String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return randomSecret();
        }
        String secret = value.strip();
        if (!SECRET.matcher(secret).matches()) {
            problems.add(SECRET_VARIABLE + " is invalid: expected 1 to 256 of A-Z, a-z, 0-9, _ and -, as Telegram"
                    + " requires for secret_token");
        }
        return secret;
    }

    /** Returns the settings with the secret replaced by {@code <redacted>}, so they can be logged. */
    @Override
    public String toString() {
        return "TelegramWebhookSettings[url host=" + url.getHost() + ", listen=" + listen + ", secret="
                + Secrets.redacted(secret) + "]";
    }
}
