package io.chatbridge.telegram;

import io.chatbridge.engine.Attachment;
import io.chatbridge.media.HttpDownloads;
import io.chatbridge.media.MediaDownloader;
import io.chatbridge.media.MediaException;
import io.chatbridge.media.MediaSettings;
import java.time.Duration;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Downloads Telegram files: {@code getFile} for the file's path, then a GET of
 * {@code {TELEGRAM_API_URL}/file/bot<token>/<path>} through the adapter's HTTP client and proxy.
 * The Bot API serves bots files of up to 20 MB. Thread-safe.
 *
 * <p>The download URL contains the bot token, so it is never logged or put in a message.
 */
final class TelegramMediaDownloader implements MediaDownloader {

    /** The maximum time one download may take, headers and body together. */
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);

    private final TelegramClient client;
    private final OkHttpClient http;
    private final HttpUrl apiUrl;
    private final String token;

    /**
     * @param client the Bot API client, for {@code getFile}
     * @param http the adapter's HTTP client with its proxy
     * @param apiUrl the Bot API base URL, scheme, host and port only
     * @param token the bot token
     */
    TelegramMediaDownloader(TelegramClient client, OkHttpClient http, String apiUrl, String token) {
        this.client = client;
        this.http = http.newBuilder()
                .callTimeout(DOWNLOAD_TIMEOUT)
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.apiUrl = HttpUrl.get(apiUrl);
        this.token = token;
    }

    @Override
    public byte[] download(Attachment attachment, long maxBytes) throws MediaException, InterruptedException {
        String what = "Telegram file of the " + attachment.kind().name().toLowerCase(Locale.ROOT) + " attachment";
        File file = fileInfo(attachment, maxBytes, what);
        if (file.getFileSize() != null && file.getFileSize() > maxBytes) {
            throw MediaException.tooLarge(what, file.getFileSize(), maxBytes);
        }
        String path = file.getFilePath();
        if (path == null || path.isBlank()) {
            throw new MediaException(MediaException.Reason.NOT_FOUND, what + ": getFile returned no file_path");
        }
        HttpUrl url = apiUrl.newBuilder()
                .encodedPath("/")
                .addPathSegment("file")
                .addPathSegment("bot" + token)
                .addPathSegments(path)
                .build();
        return HttpDownloads.get(http, new Request.Builder().url(url).get().build(), maxBytes, what);
    }

    private File fileInfo(Attachment attachment, long maxBytes, String what) throws MediaException {
        try {
            return client.execute(new GetFile(attachment.reference()));
        } catch (TelegramApiRequestException e) {
            throw translate(e, maxBytes, what);
        } catch (TelegramApiException e) {
            throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED, what + ": getFile failed: "
                    + TelegramErrors.redact(String.valueOf(e.getMessage()), token), e);
        }
    }

    /**
     * Classifies a {@code getFile} error. The Bot API distinguishes "file is too big" and an invalid
     * file id only in its description, so it is read here.
     */
    private MediaException translate(TelegramApiRequestException e, long maxBytes, String what) {
        String description = TelegramErrors.redact(String.valueOf(e.getApiResponse()), token);
        String lower = description.toLowerCase(Locale.ROOT);
        Integer code = e.getErrorCode();
        if (code != null && code == 400 && lower.contains("file is too big")) {
            return new MediaException(MediaException.Reason.TOO_LARGE, what + ": getFile failed: " + description,
                    -1, Math.min(maxBytes, MediaSettings.DEFAULT_MAX_DOWNLOAD_BYTES), e);
        }
        if (code != null && code == 400 && (lower.contains("file_id") || lower.contains("file not found"))) {
            return new MediaException(MediaException.Reason.NOT_FOUND, what + ": getFile failed: " + description, e);
        }
        return new MediaException(MediaException.Reason.DOWNLOAD_FAILED, what + ": getFile failed with " + code
                + ": " + description, e);
    }
}
