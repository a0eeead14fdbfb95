package io.chatbridge.config;

import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Checks and normalizes endpoint and proxy URLs. Each method returns the converted value, or
 * adds a problem and returns null. Messages show a URL with any user name, password, query and
 * Telegram bot token replaced, because operators sometimes paste URLs that carry secrets.
 */
final class UrlRules {

    private static final Set<String> HTTP = Set.of("http", "https");
    private static final Set<String> WEBSOCKET = Set.of("ws", "wss");
    private static final String PROXY_FORMS = "expected http://host:port or socks5://host:port";
    private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@");
    private static final Pattern QUERY = Pattern.compile("\\?[^#]*");
    private static final Pattern FRAGMENT = Pattern.compile("#.*");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("\\d{5,}:[A-Za-z0-9_-]{20,}");

    private UrlRules() {}

    /**
     * Returns an http or https URL with a host and no query, without trailing slashes, such as
     * {@code https://api.openai.com/v1}.
     */
    static @Nullable String baseUrl(RawValue value, String example, Problems problems) {
        URI uri = endpoint(value, HTTP, "an http or https", example, problems);
        return uri == null ? null : stripTrailingSlashes(value.text().strip());
    }

    /**
     * Returns an http or https URL of scheme, host and port only, because TelegramBots'
     * {@code TelegramUrl} takes no path.
     */
    static @Nullable String originUrl(RawValue value, String example, Problems problems) {
        URI uri = endpoint(value, HTTP, "an http or https", example, problems);
        if (uri == null) {
            return null;
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            // The path is not shown because a Telegram URL path usually carries the bot token.
            String origin = uri.getScheme() + "://" + uri.getRawAuthority() + "/…";
            problems.reject(value.showing(redact(origin)), "has a path, expected scheme, host and port only,"
                    + " such as " + example + ", because TelegramBots' TelegramUrl takes no path");
            return null;
        }
        return stripTrailingSlashes(value.text().strip());
    }

    /** Returns an http or https URL ending in exactly one slash, as JDA's REST base URL must. */
    static @Nullable String slashEndedUrl(RawValue value, String example, Problems problems) {
        String url = baseUrl(value, example, problems);
        return url == null ? null : url + "/";
    }

    /** Returns a ws or wss URL with a host and no query, without trailing slashes. */
    static @Nullable String websocketUrl(RawValue value, String example, Problems problems) {
        URI uri = endpoint(value, WEBSOCKET, "a ws or wss", example, problems);
        return uri == null ? null : stripTrailingSlashes(value.text().strip());
    }

    /**
     * Returns the proxy of {@code http://host:port} or {@code socks5://host:port}
     * ({@code socks5h} is taken as {@code socks5}, since the proxy resolves names either way),
     * or {@link ProxyChoice#DIRECT} for {@code direct}.
     */
    static @Nullable ProxyChoice proxy(RawValue value, Problems problems) {
        String text = value.text().strip();
        if (text.equalsIgnoreCase("direct")) {
            return ProxyChoice.DIRECT;
        }
        RawValue shown = value.showing(redact(text));
        URI uri = parse(text);
        String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy.Type type = switch (scheme) {
            case "http" -> Proxy.Type.HTTP;
            case "socks5", "socks5h" -> Proxy.Type.SOCKS;
            default -> null;
        };
        if (uri == null || type == null || uri.getHost() == null || hasPathOrQuery(uri)) {
            problems.reject(shown, "is not a proxy URL, " + PROXY_FORMS);
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.reject(shown, "contains a user name or password, which is not supported;"
                    + " use a proxy that needs no login, such as a local Clash or V2Ray port");
            return null;
        }
        if (uri.getPort() == -1) {
            problems.reject(shown, "has no port, " + PROXY_FORMS);
            return null;
        }
        if (uri.getPort() < 1 || uri.getPort() > 65_535) {
            problems.reject(shown, "has port " + uri.getPort() + ", expected a port from 1 to 65535");
            return null;
        }
        return new ProxyChoice(new ProxySpec(type, unbracketed(uri.getHost()), uri.getPort()));
    }

    /** Returns {@code text} with credentials, query, fragment and Telegram bot tokens replaced. */
    static String redact(String text) {
        String redacted = USER_INFO.matcher(text).replaceFirst("$1***@");
        redacted = QUERY.matcher(redacted).replaceFirst("?…");
        redacted = FRAGMENT.matcher(redacted).replaceFirst("#…");
        return TELEGRAM_TOKEN.matcher(redacted).replaceAll("***");
    }

    private static @Nullable URI endpoint(
            RawValue value, Set<String> schemes, String schemeText, String example, Problems problems) {
        String text = value.text().strip();
        RawValue shown = value.showing(redact(text));
        URI uri = parse(text);
        boolean schemeOk = uri != null && uri.getScheme() != null
                && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT));
        if (uri == null || !schemeOk || uri.getHost() == null) {
            problems.reject(shown, "is not " + schemeText + " URL with a host, expected a URL such as " + example);
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.reject(shown, "contains a user name or password, expected a URL without credentials;"
                    + " give secrets in their own settings");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.reject(shown, "has a query or fragment, expected a URL without ? or #, such as " + example);
            return null;
        }
        return uri;
    }

    private static @Nullable URI parse(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean hasPathOrQuery(URI uri) {
        String path = uri.getRawPath();
        boolean hasPath = path != null && !path.isEmpty() && !path.equals("/");
        return hasPath || uri.getRawQuery() != null || uri.getRawFragment() != null;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String stripTrailingSlashes(String url) {
        int end = url.length();
        while (end > 0 && url.charAt(end - 1) == '/') {
            end--;
        }
        return url.substring(0, end);
    }
}
