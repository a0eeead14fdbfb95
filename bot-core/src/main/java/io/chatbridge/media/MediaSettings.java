package io.chatbridge.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How attachments are downloaded and read.
 *
 * @param maxDownloadBytes the largest file downloaded, default 20 MiB (20,971,520 bytes), which is
 *     also the most the Telegram Bot API lets a bot download
 * @param imageDetail the {@code detail} of images sent to the model, default {@code high}; video
 *     frames are always sent at {@code low}
 * @param videoFrames how many frames are taken from a video, evenly spread, default 8, from 1 to 50
 * @param maxVideoDuration the longest video read, default 3 minutes
 * @param maxAudioDuration the longest voice note or audio file transcribed, default 10 minutes;
 *     checked only when ffprobe is installed, because without it the length is unknown
 * @param maxDocumentTokens the most tokens of document text added to one question, default 6000;
 *     the engine also keeps it at or below half the prompt budget
 * @param transcriptionModel the model of {@code /audio/transcriptions}, default
 *     {@code gpt-4o-mini-transcribe}; {@code whisper-1} also works
 * @param ffmpegDirectory the folder with {@code ffmpeg} and {@code ffprobe}, or null to search the
 *     {@code PATH}
 * @param toolTimeout the longest one ffmpeg or ffprobe run may take, default 60 s
 */
public record MediaSettings(
        long maxDownloadBytes,
        ImageDetail imageDetail,
        int videoFrames,
        Duration maxVideoDuration,
        Duration maxAudioDuration,
        int maxDocumentTokens,
        String transcriptionModel,
        @Nullable Path ffmpegDirectory,
        Duration toolTimeout) {

    /** The default download cap: 20 MiB, the Telegram Bot API's limit for bots. */
    public static final long DEFAULT_MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;

    /** The default transcription model. */
    public static final String DEFAULT_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the setting, the rule and the value received
     */
    public MediaSettings {
        Objects.requireNonNull(imageDetail, "imageDetail");
        Objects.requireNonNull(maxVideoDuration, "maxVideoDuration");
        Objects.requireNonNull(maxAudioDuration, "maxAudioDuration");
        Objects.requireNonNull(transcriptionModel, "transcriptionModel");
        Objects.requireNonNull(toolTimeout, "toolTimeout");
        if (maxDownloadBytes < 1) {
            throw new IllegalArgumentException("media max_download_bytes must be at least 1, was " + maxDownloadBytes);
        }
        if (videoFrames < 1 || videoFrames > 50) {
            throw new IllegalArgumentException("media video_frames must be from 1 to 50, was " + videoFrames);
        }
        requirePositive("max_video_duration", maxVideoDuration);
        requirePositive("max_audio_duration", maxAudioDuration);
        requirePositive("tool_timeout", toolTimeout);
        if (maxDocumentTokens < 1) {
            throw new IllegalArgumentException("media max_document_tokens must be at least 1, was " + maxDocumentTokens);
        }
        if (transcriptionModel.isBlank()) {
            throw new IllegalArgumentException("media transcription_model must not be blank;"
                    + " use gpt-4o-mini-transcribe or whisper-1");
        }
    }

    /** Returns the defaults described on each component. */
    public static MediaSettings defaults() {
        return builder().build();
    }

    /** Returns a builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder that starts from these settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxDownloadBytes = maxDownloadBytes;
        builder.imageDetail = imageDetail;
        builder.videoFrames = videoFrames;
        builder.maxVideoDuration = maxVideoDuration;
        builder.maxAudioDuration = maxAudioDuration;
        builder.maxDocumentTokens = maxDocumentTokens;
        builder.transcriptionModel = transcriptionModel;
        builder.ffmpegDirectory = ffmpegDirectory;
        builder.toolTimeout = toolTimeout;
        return builder;
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("media " + key + " must be positive, was " + value);
        }
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private long maxDownloadBytes = DEFAULT_MAX_DOWNLOAD_BYTES;
        private ImageDetail imageDetail = ImageDetail.HIGH;
        private int videoFrames = 8;
        private Duration maxVideoDuration = Duration.ofMinutes(3);
        private Duration maxAudioDuration = Duration.ofMinutes(10);
        private int maxDocumentTokens = 6000;
        private String transcriptionModel = DEFAULT_TRANSCRIPTION_MODEL;
        private @Nullable Path ffmpegDirectory;
        private Duration toolTimeout = Duration.ofSeconds(60);

        private Builder() {}

        public Builder maxDownloadBytes(long value) {
            this.maxDownloadBytes = value;
            return this;
        }

        public Builder imageDetail(ImageDetail value) {
            this.imageDetail = value;
            return this;
        }

        public Builder videoFrames(int value) {
            this.videoFrames = value;
            return this;
        }

        public Builder maxVideoDuration(Duration value) {
            this.maxVideoDuration = value;
            return this;
        }

        public Builder maxAudioDuration(Duration value) {
            this.maxAudioDuration = value;
            return this;
        }

        public Builder maxDocumentTokens(int value) {
            this.maxDocumentTokens = value;
            return this;
        }

        public Builder transcriptionModel(String value) {
            this.transcriptionModel = value;
            return this;
        }

        /** Sets the folder with ffmpeg and ffprobe; null searches the {@code PATH}. */
        public Builder ffmpegDirectory(@Nullable Path value) {
            this.ffmpegDirectory = value;
            return this;
        }

        public Builder toolTimeout(Duration value) {
            this.toolTimeout = value;
            return this;
        }

        /**
         * Returns the settings.
         *
         * @throws IllegalArgumentException when a value is out of range
         */
        public MediaSettings build() {
            return new MediaSettings(maxDownloadBytes, imageDetail, videoFrames, maxVideoDuration, maxAudioDuration,
                    maxDocumentTokens, transcriptionModel, ffmpegDirectory, toolTimeout);
        }
    }
}
