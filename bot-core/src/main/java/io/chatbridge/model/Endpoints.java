package io.chatbridge.model;

import java.util.List;
import okhttp3.HttpUrl;

/** Builds endpoint URLs from the configured base URL. */
final class Endpoints {

    private Endpoints() {}

    /**
     * Returns {@code {baseUrl}/chat/completions}, keeping any query of the base URL.
     *
     * @param baseUrl an http(s) URL, with or without a trailing slash
     * @param apiKey scrubbed from the error message in case it was pasted into the URL
     * @throws IllegalArgumentException when {@code baseUrl} is not an http(s) URL
     */
    static HttpUrl chatCompletions(String baseUrl, String apiKey) {
        return below(baseUrl, apiKey, "chat", "completions");
    }

    /** Returns {@code {baseUrl}/audio/transcriptions}, with the rules of {@link #chatCompletions}. */
    static HttpUrl audioTranscriptions(String baseUrl, String apiKey) {
        return below(baseUrl, apiKey, "audio", "transcriptions");
    }

    private static HttpUrl below(String baseUrl, String apiKey, String... path) {
        HttpUrl base = HttpUrl.parse(baseUrl.strip());
        if (base == null) {
            throw new IllegalArgumentException("OpenAI base URL (OPENAI_BASE_URL) must be an http or https URL"
                    + " such as https://api.openai.com/v1, was '" + HttpClients.redact(baseUrl, apiKey) + "'");
        }

        HttpUrl.Builder url = base.newBuilder();
        List<String> segments = base.pathSegments();
        // A trailing slash shows up as a last empty segment; dropping it avoids "v1//chat".
        if (segments.getLast().isEmpty()) {
            url.removePathSegment(segments.size() - 1);
        }
        for (String segment : path) {
            url.addPathSegment(segment);
        }
        return url.build();
    }

    /** Returns the host, followed by the port when it is not the scheme's default. */
    static String hostAndPort(HttpUrl url) {
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? url.host() : url.host() + ":" + url.port();
    }
}
