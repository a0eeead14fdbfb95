package io.chatbridge.media;

import io.chatbridge.conversation.TokenCounter;
import io.chatbridge.engine.Attachment;
import io.chatbridge.model.ContentPart;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.ModelException;
import io.chatbridge.model.Transcriber;
import io.chatbridge.model.Transcription;
import io.chatbridge.model.TranscriptionRequest;
import io.chatbridge.model.Usage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a message's attachments into prompt content: images become {@code image_url} parts, voice
 * notes and audio files their transcripts, videos a set of frames plus the transcript of their
 * audio track, and text files and PDFs their text within a token allowance.
 *
 * <p>Each attachment is checked against the download cap before and during the download, then
 * read by its type; the first one that cannot be used ends the reading with a
 * {@link MediaException} whose reason selects the message the member gets. Audio and video go through a
 * temporary file for ffmpeg, deleted before {@link #read} returns.
 *
 * <p>Thread-safe; calls for different messages run in parallel.
 */
public final class MediaReader {

    private static final Logger log = LoggerFactory.getLogger(MediaReader.class);

    private final MediaSettings settings;
    private final Transcriber transcriber;
    private final Ffmpeg ffmpeg;
    private final Clock clock;
    private final ImageConverter images = new ImageConverter();
    private final DocumentReader documents;

    /**
     * Creates a reader.
     *
     * @param settings limits and the transcription model
     * @param transcriber the speech-to-text endpoint
     * @param ffmpeg the video and audio decoder, possibly {@linkplain Ffmpeg#available() unavailable}
     * @param tokens counts document text against its allowance
     * @param clock times transcription calls for the usage ledger
     */
    public MediaReader(MediaSettings settings, Transcriber transcriber, Ffmpeg ffmpeg, TokenCounter tokens, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.transcriber = Objects.requireNonNull(transcriber, "transcriber");
        this.ffmpeg = Objects.requireNonNull(ffmpeg, "ffmpeg");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.documents = new DocumentReader(Objects.requireNonNull(tokens, "tokens"));
    }

    /** Returns the settings this reader applies. */
    public MediaSettings settings() {
        return settings;
    }

    /** Returns the video decoder, for {@code chatbridge check}. */
    public Ffmpeg ffmpeg() {
        return ffmpeg;
    }

    /**
     * Downloads and reads every attachment, in order.
     *
     * @param attachments the message's attachments
     * @param downloader the platform's downloader for them
     * @param documentTokens the most tokens of document text to add, shared by all documents
     * @param transcriptions receives every transcription call, successful or not, on this thread
     * @return what the attachments add to the turn
     * @throws MediaException for the first attachment that cannot be used
     * @throws InterruptedException when the thread is interrupted
     */
    public MediaInput read(List<Attachment> attachments, MediaDownloader downloader, int documentTokens,
            Consumer<TranscriptionCall> transcriptions) throws MediaException, InterruptedException {
        Collector collected = new Collector(documentTokens);
        for (Attachment attachment : attachments) {
            readOne(attachment, downloader, collected, transcriptions);
        }
        return collected.toInput();
    }

    private void readOne(Attachment attachment, MediaDownloader downloader, Collector collected,
            Consumer<TranscriptionCall> transcriptions) throws MediaException, InterruptedException {
        String what = describe(attachment);
        MediaRoute route = MediaRoute.of(attachment);
        if (route == MediaRoute.UNSUPPORTED) {
            throw new MediaException(MediaException.Reason.UNSUPPORTED_TYPE, what + " (type "
                    + attachment.mimeType() + ") is not an image, audio, video, text or PDF file");
        }
        byte[] bytes = download(attachment, downloader, what);
        log.debug("Reading {} ({} bytes) as {}", what, bytes.length, route);

        switch (route) {
            case IMAGE -> collected.images.add(images.convert(bytes, settings.imageDetail(), what));
            case AUDIO -> readAudio(attachment, bytes, what, collected, transcriptions);
            case VIDEO -> readVideo(attachment, bytes, what, collected, transcriptions);
            case TEXT -> collected.addDocument(documents.text(bytes, DocumentReader.displayName(attachment.fileName()),
                    collected.documentTokensLeft, what), attachment);
            case PDF -> collected.addDocument(documents.pdf(bytes, DocumentReader.displayName(attachment.fileName()),
                    collected.documentTokensLeft, what), attachment);
            case UNSUPPORTED -> throw new IllegalStateException("UNSUPPORTED is rejected before the download");
        }
    }

    private byte[] download(Attachment attachment, MediaDownloader downloader, String what)
            throws MediaException, InterruptedException {
        long max = settings.maxDownloadBytes();
        if (attachment.sizeBytes() > max) {
            throw MediaException.tooLarge(what, attachment.sizeBytes(), max);
        }
        if (attachment.sizeBytes() == 0) {
            throw new MediaException(MediaException.Reason.EMPTY_FILE, what + " has 0 bytes");
        }
        byte[] bytes = downloader.download(attachment, max);
        if (bytes.length == 0) {
            throw new MediaException(MediaException.Reason.EMPTY_FILE, what + " has 0 bytes");
        }
        if (bytes.length > max) {
            throw MediaException.tooLarge(what, bytes.length, max);
        }
        return bytes;
    }

    private void readAudio(Attachment attachment, byte[] bytes, String what, Collector collected,
            Consumer<TranscriptionCall> transcriptions) throws MediaException, InterruptedException {
        AudioUpload upload = AudioUpload.of(attachment);
        if (!ffmpeg.available()) {
            if (upload == null) {
                throw new MediaException(MediaException.Reason.UNSUPPORTED_TYPE, what + " is in a format the"
                        + " transcription endpoint does not take, and converting it needs ffmpeg, which is not installed");
            }
            addTranscript(attachment, transcribe(bytes, upload, null, what, transcriptions), collected);
            return;
        }

        try (TempFile file = TempFile.of(bytes, attachment)) {
            MediaProbe probe = ffmpeg.probe(file.path(), what);
            if (!probe.hasAudio()) {
                throw new MediaException(MediaException.Reason.NO_AUDIO, what + " has no audio stream");
            }
            checkLength(probe, settings.maxAudioDuration(), what);
            byte[] audio = upload == null ? ffmpeg.audioAsFlac(file.path(), what) : bytes;
            AudioUpload sent = upload == null ? AudioUpload.FLAC : upload;
            addTranscript(attachment, transcribe(audio, sent, probe.duration(), what, transcriptions), collected);
        }
    }

    private void addTranscript(Attachment attachment, String transcript, Collector collected) throws MediaException {
        if (transcript.isBlank()) {
            throw new MediaException(MediaException.Reason.NO_SPEECH, describe(attachment) + " has no speech");
        }
        collected.heard.add(transcript);
        // A voice note is the member speaking, so its transcript is their words; other audio is quoted.
        collected.texts.add(attachment.kind() == Attachment.Kind.VOICE
                ? transcript
                : "[Transcript of the audio file " + DocumentReader.displayName(attachment.fileName()) + ":]\n"
                        + transcript);
    }

    private void readVideo(Attachment attachment, byte[] bytes, String what, Collector collected,
            Consumer<TranscriptionCall> transcriptions) throws MediaException, InterruptedException {
        if (!ffmpeg.available()) {
            throw new MediaException(MediaException.Reason.DECODER_UNAVAILABLE, what
                    + " needs ffmpeg, which is not installed; install it (Debian package ffmpeg)");
        }
        try (TempFile file = TempFile.of(bytes, attachment)) {
            MediaProbe probe = ffmpeg.probe(file.path(), what);
            if (!probe.hasVideo()) {
                throw new MediaException(MediaException.Reason.NO_VIDEO, what + " has no video stream");
            }
            checkLength(probe, settings.maxVideoDuration(), what);

            List<BufferedImage> frames = ffmpeg.frames(file.path(), probe, settings.videoFrames(), what);
            for (BufferedImage frame : frames) {
                collected.images.add(images.encode(frame, ImageDetail.LOW));
            }
            String transcript = "";
            // Stickers and Telegram animations are silent loops; their audio, if any, is not speech.
            boolean speechExpected = attachment.kind() == Attachment.Kind.VIDEO
                    || attachment.kind() == Attachment.Kind.DOCUMENT;
            if (probe.hasAudio() && speechExpected) {
                byte[] audio = ffmpeg.audioAsFlac(file.path(), what);
                transcript = transcribe(audio, AudioUpload.FLAC, probe.duration(), what, transcriptions);
            }
            collected.texts.add(videoText(frames.size(), probe.duration(), transcript));
            if (!transcript.isBlank()) {
                collected.heard.add(transcript);
            }
        }
    }

    private static String videoText(int frames, @Nullable Duration length, String transcript) {
        String seconds = length == null ? "" : String.format(Locale.ROOT, " of its %.1f seconds", length.toMillis() / 1000.0);
        String text = "[Video: " + frames + (frames == 1 ? " frame" : " frames") + " taken at even intervals"
                + seconds + " follow.]";
        return transcript.isBlank() ? text : text + "\n[Transcript of the video's audio track:]\n" + transcript;
    }

    private static void checkLength(MediaProbe probe, Duration max, String what) throws MediaException {
        Duration length = probe.duration();
        if (length != null && length.compareTo(max) > 0) {
            long seconds = Math.ceilDiv(length.toMillis(), 1000);
            throw new MediaException(MediaException.Reason.TOO_LONG, what + " plays " + seconds
                    + " s, over the limit of " + max.toSeconds() + " s", seconds, max.toSeconds(), null);
        }
    }

    private String transcribe(byte[] audio, AudioUpload upload, @Nullable Duration length, String what,
            Consumer<TranscriptionCall> transcriptions) throws MediaException, InterruptedException {
        String model = settings.transcriptionModel();
        Instant start = clock.instant();
        try {
            Transcription result = transcriber.transcribe(
                    new TranscriptionRequest(audio, upload.fileName(), upload.mediaType(), model, length));
            transcriptions.accept(new TranscriptionCall(start, model, result.upstream(), result.usage(),
                    Duration.between(start, clock.instant()), null));
            return result.text();
        } catch (ModelException e) {
            transcriptions.accept(new TranscriptionCall(start, model, "", new Usage(0, 0, 0, true),
                    Duration.between(start, clock.instant()), e));
            // The endpoint returns 400 for audio it cannot decode, which is the file's fault, not the service's.
            MediaException.Reason reason = e.kind() == ModelErrorKind.BAD_REQUEST
                    ? MediaException.Reason.CORRUPT : MediaException.Reason.TRANSCRIPTION_FAILED;
            throw new MediaException(reason, "transcribing " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static String describe(Attachment attachment) {
        String kind = attachment.kind().name().toLowerCase(Locale.ROOT);
        return attachment.fileName() == null ? kind + " attachment" : kind + " attachment '" + attachment.fileName() + "'";
    }

    /** The parts gathered so far for one message. */
    private static final class Collector {
        final List<ContentPart.Image> images = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        final List<String> heard = new ArrayList<>();
        final List<MediaInput.TruncatedDocument> truncated = new ArrayList<>();
        int documentTokensLeft;

        Collector(int documentTokens) {
            this.documentTokensLeft = Math.max(0, documentTokens);
        }

        void addDocument(DocumentReader.Read read, Attachment attachment) {
            if (!read.block().isEmpty()) {
                texts.add(read.block());
                documentTokensLeft = Math.max(0, documentTokensLeft - read.tokens());
            }
            if (read.percentRead() < 100) {
                truncated.add(new MediaInput.TruncatedDocument(DocumentReader.displayName(attachment.fileName()),
                        read.percentRead()));
            }
        }

        MediaInput toInput() {
            return new MediaInput(images, String.join("\n\n", texts), heard, truncated);
        }
    }

    /** A temporary copy of an attachment for ffmpeg, deleted on close. */
    private record TempFile(Path path) implements AutoCloseable {

        static TempFile of(byte[] bytes, Attachment attachment) throws MediaException {
            String extension = MediaRoute.extension(attachment.fileName());
            // ffmpeg probes the content, but some raw formats are recognised only by their extension.
            String suffix = extension.matches("[a-z0-9]{1,5}") ? "." + extension : ".bin";
            Path path = null;
            try {
                path = Files.createTempFile("chatbridge-media-", suffix);
                Files.write(path, bytes);
                return new TempFile(path);
            } catch (IOException e) {
                if (path != null) {
                    new TempFile(path).close();
                }
                throw new MediaException(MediaException.Reason.DOWNLOAD_FAILED,
                        "could not write a temporary file for ffmpeg: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                log.warn("Could not delete the temporary media file {}: {}; delete it by hand", path, e.toString());
            }
        }
    }
}
