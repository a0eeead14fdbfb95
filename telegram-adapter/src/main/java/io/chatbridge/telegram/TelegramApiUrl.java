package io.chatbridge.telegram;

import java.net.URI;
import org.telegram.telegrambots.meta.TelegramUrl;

/** Converts the configured Bot API base URL into the library's {@link TelegramUrl}. */
final class TelegramApiUrl {

    private TelegramApiUrl() {}

    /**
     * Parses a base URL such as {@code https://api.telegram.org} or {@code http://127.0.0.1:8081}.
     * TelegramBots takes scheme, host and port only, so a path is rejected.
     *
     * @throws IllegalArgumentException when the URL is not http(s) or has a path
     */
    static TelegramUrl parse(String baseUrl) {
        URI uri = URI.create(baseUrl);
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
            throw new IllegalArgumentException("TELEGRAM_API_URL: '" + baseUrl + "' is not an http or https URL with a host");
        }
        String path = uri.getPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("TELEGRAM_API_URL: '" + baseUrl
                    + "' has a path; give scheme, host and port only, such as https://api.telegram.org");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(scheme) ? 443 : 80);
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }
}
