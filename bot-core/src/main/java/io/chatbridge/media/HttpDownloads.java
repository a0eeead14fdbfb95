package io.chatbridge.media;

import java.io.IOException;
import java.io.InterruptedIOException;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Downloads a file over HTTP with a size cap, for the adapters' {@link MediaDownloader}s.
 * Stateless and thread-safe.
 *
 * <p>Callers pass a description of the file for error messages, never its URL, because a Telegram
 * file URL contains the bot token.
 */
public final class HttpDownloads {

    private HttpDownloads() {}

    /**
     * Sends a GET request and returns the whole body.
     *
     * <p>A {@code Content-Length} over the cap fails before the body is read; a body that turns
     * out longer than the cap fails as soon as it passes it. 404 and 410 mean the file is gone. A
     * redirect that reaches this method fails, but only a client with redirects turned off lets it
     * reach here, so callers that restrict hosts must turn them off.
     *
     * @param client the client to use, with the adapter's proxy and timeouts
     * @param request the GET request
     * @param maxBytes the most bytes to accept, at least 1
     * @param what the file for error messages, such as {@code "Telegram file of voice attachment"}
     * @throws MediaException with reason {@code TOO_LARGE}, {@code NOT_FOUND} or {@code DOWNLOAD_FAILED}
     * @throws InterruptedException when the thread is interrupted during the download
     */
    public static byte[] get(OkHttpClient client, Request request, long maxBytes, String what)
            throws MediaException, InterruptedException {
        Call call = client.newCall(request);
        try (Response response = call.execute()) {
            int status = response.code();
            if (status == 404 || status == 410) {
                throw new MediaException(MediaException.Reason.NOT_FOUND, what + " is gone (HTTP " + status + ")");
            }
            if (status >= 300 && status < 400) {
                throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED, what
                        + " answered with a redirect (HTTP " + status + "), which is not followed");
            }
            if (!response.isSuccessful()) {
                throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED, what + " could not be downloaded (HTTP "
                        + status + ")");
            }
            return readCapped(response.body(), maxBytes, what);
        } catch (InterruptedIOException e) {
            if (Thread.interrupted()) {
                call.cancel();
                throw new InterruptedException("interrupted while downloading " + what);
            }
            throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED, what + " timed out: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED, what + " could not be downloaded: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** Reads a body whole, failing with {@code TOO_LARGE} once it passes {@code maxBytes}. */
    static byte[] readCapped(ResponseBody body, long maxBytes, String what) throws IOException, MediaException {
        long declared = body.contentLength();
        if (declared > maxBytes) {
            throw MediaException.tooLarge(what, declared, maxBytes);
        }
        BufferedSource source = body.source();
        Buffer buffer = new Buffer();
        while (buffer.size() <= maxBytes) {
            long read = source.read(buffer, 64 * 1024);
            if (read == -1) {
                return buffer.readByteArray();
            }
        }
        throw MediaException.tooLarge(what, -1, maxBytes);
    }
}
