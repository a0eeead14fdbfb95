package io.chatbridge.discord;

import io.chatbridge.config.DiscordSettings;
import io.chatbridge.engine.Attachment;
import io.chatbridge.media.HttpDownloads;
import io.chatbridge.media.MediaDownloader;
import io.chatbridge.media.MediaException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Downloads Discord attachments from their URL. Only Discord's CDN hosts over https, or the host
 * of the configured REST base URL (a relay, or the local fake in tests), are fetched. Redirects
 * are not followed, so a crafted attachment URL cannot make the bot fetch an internal address. Goes through the Discord proxy when one is set. Thread-safe.
 */
final class DiscordMediaDownloader implements MediaDownloader {

    /** The hosts that serve attachment files: the CDN and its media proxy. */
    static final Set<String> CDN_HOSTS = Set.of("cdn.discordapp.com", "media.discordapp.net");

    /** The maximum time one download may take, headers and body together. */
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

    private final OkHttpClient http;
    private final HttpUrl apiUrl;

    DiscordMediaDownloader(DiscordSettings settings) {
        this.http = DiscordConnections.httpClient(settings.proxy())
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(DOWNLOAD_TIMEOUT)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.apiUrl = HttpUrl.get(settings.apiUrl());
    }

    @Override
    public byte[] download(Attachment attachment, long maxBytes) throws MediaException, InterruptedException {
        String what = "Discord " + attachment.kind().name().toLowerCase(Locale.ROOT) + " attachment"
                + (attachment.fileName() == null ? "" : " '" + attachment.fileName() + "'");
        HttpUrl url = HttpUrl.parse(attachment.reference());
        if (url == null) {
            throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED, what + " has no http(s) URL");
        }
        if (!allowed(url)) {
            throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED, what + " is on host " + url.host()
                    + ", which is neither Discord's CDN (" + String.join(", ", CDN_HOSTS)
                    + ") nor the host of DISCORD_API_URL; it is not downloaded");
        }
        return HttpDownloads.get(http, new Request.Builder().url(url).get().build(), maxBytes, what);
    }

    private boolean allowed(HttpUrl url) {
        if (url.isHttps() && CDN_HOSTS.contains(url.host())) {
            return true;
        }
        return url.host().equals(apiUrl.host()) && url.port() == apiUrl.port() && url.scheme().equals(apiUrl.scheme());
    }
}
