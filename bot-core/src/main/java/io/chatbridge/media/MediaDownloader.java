package io.chatbridge.media;

import io.chatbridge.engine.Attachment;

/**
 * Downloads an attachment's bytes from its platform. Each adapter implements it with its own file
 * API and hands it to the engine with every message, so the engine reads files without knowing
 * the platform.
 *
 * <p>Implementations are thread-safe and enforce {@code maxBytes} while reading, so a file that
 * claims a small size but sends more is cut off rather than held in memory.
 */
@FunctionalInterface
public interface MediaDownloader {

    /** A downloader for messages that carry no downloadable files, such as the terminal chat. */
    MediaDownloader NONE = (attachment, maxBytes) -> {
        throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED,
                "this platform has no file downloads, so " + attachment.kind() + " attachments cannot be read");
    };

    /**
     * Downloads one attachment whole.
     *
     * @param attachment the attachment, whose {@link Attachment#reference()} the adapter created
     * @param maxBytes the most bytes to accept, at least 1
     * @return the file's bytes, at most {@code maxBytes} of them
     * @throws MediaException with {@link MediaException.Reason#TOO_LARGE} when the file is larger,
     *     {@link MediaException.Reason#NOT_FOUND} when the platform does not have it, or
     *     {@link MediaException.Reason#DOWNLOAD_FAILED} for network failures, unexpected HTTP
     *     statuses, timeouts and URLs on hosts that are not allowed
     * @throws InterruptedException when the calling thread is interrupted
     */
    byte[] download(Attachment attachment, long maxBytes) throws MediaException, InterruptedException;
}
