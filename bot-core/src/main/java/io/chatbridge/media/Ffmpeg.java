package io.chatbridge.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The video and audio decoder: the {@code ffmpeg} and {@code ffprobe} programs, run as
 * subprocesses on a temporary file, each run bounded in time and output. Thread-safe.
 *
 * <p>ffmpeg is found in the configured folder or on the {@code PATH} when the engine starts; on
 * Debian it is the {@code ffmpeg} package. Without it, images, voice notes in formats the
 * transcription endpoint takes, and documents still work; videos are refused with
 * {@link MediaException.Reason#DECODER_UNAVAILABLE}.
 */
public final class Ffmpeg {

    private static final Logger log = LoggerFactory.getLogger(Ffmpeg.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERSION = Pattern.compile("^ffmpeg version (\\S+)");
    private static final long MAX_PROBE_OUTPUT = 1024 * 1024;
    private static final long MAX_FRAME_BYTES = 64L * 1024 * 1024;
    /** The transcription endpoint's upload limit: 25 MB. */
    static final long MAX_AUDIO_BYTES = 25L * 1000 * 1000;

    private final @Nullable Path ffmpeg;
    private final @Nullable Path ffprobe;
    private final Duration timeout;
    private volatile @Nullable String version;

    private Ffmpeg(@Nullable Path ffmpeg, @Nullable Path ffprobe, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.timeout = timeout;
    }

    /**
     * Finds {@code ffmpeg} and {@code ffprobe} in {@link MediaSettings#ffmpegDirectory()}, or on the
     * {@code PATH} when that is null. Only looks at files; nothing is run until first use.
     */
    public static Ffmpeg locate(MediaSettings settings) {
        Path ffmpeg = find("ffmpeg", settings.ffmpegDirectory());
        Path ffprobe = find("ffprobe", settings.ffmpegDirectory());
        if (ffmpeg == null || ffprobe == null) {
            return new Ffmpeg(null, null, settings.toolTimeout());
        }
        return new Ffmpeg(ffmpeg, ffprobe, settings.toolTimeout());
    }

    /** Returns a decoder that is never available, for tests and for builds that turn video off. */
    public static Ffmpeg unavailable() {
        return new Ffmpeg(null, null, Duration.ofSeconds(1));
    }

    /** Returns whether both ffmpeg and ffprobe were found. */
    public boolean available() {
        return ffmpeg != null;
    }

    /**
     * Describes the active decoder for {@code chatbridge check}, such as
     * {@code video: ffmpeg 5.1.6 at /usr/bin/ffmpeg} or
     * {@code video: unavailable, install ffmpeg (Debian package ffmpeg) to read videos}.
     * The first call runs {@code ffmpeg -version}.
     */
    public String describe() throws InterruptedException {
        if (ffmpeg == null) {
            return "video: unavailable, install ffmpeg (Debian package ffmpeg) to read videos";
        }
        return "video: ffmpeg " + version() + " at " + ffmpeg;
    }

    private String version() throws InterruptedException {
        String known = version;
        if (known != null) {
            return known;
        }
        String found = "(version unknown)";
        try {
            ProcessRunner.Result result = ProcessRunner.run(List.of(ffmpeg.toString(), "-version"), timeout, 64 * 1024);
            Matcher matcher = VERSION.matcher(new String(result.stdout(), StandardCharsets.UTF_8));
            if (matcher.find()) {
                found = matcher.group(1);
            }
        } catch (IOException | ProcessRunner.LimitExceeded e) {
            log.warn("Could not run {} -version: {}; check that it is executable", ffmpeg, e.toString());
        }
        version = found;
        return found;
    }

    /**
     * Reads a media file's streams and length with ffprobe.
     *
     * @throws MediaException {@code DECODER_UNAVAILABLE} without ffmpeg, {@code CORRUPT} when
     *     ffprobe cannot read the file
     */
    MediaProbe probe(Path file, String what) throws MediaException, InterruptedException {
        List<String> command = List.of(requireFfprobe().toString(), "-v", "error", "-print_format", "json",
                "-show_entries", "format=duration,format_name:stream=codec_type,duration:stream_disposition=attached_pic",
                "-i", file.toString());
        ProcessRunner.Result result = run(command, MAX_PROBE_OUTPUT, what);
        if (result.exitCode() != 0) {
            throw new MediaException(MediaException.Reason.CORRUPT, what + " could not be read by ffprobe: "
                    + firstLine(result.stderr()));
        }
        try {
            return MediaProbe.parse(JSON.readTree(result.stdout()));
        } catch (IOException e) {
            throw new MediaException(MediaException.Reason.CORRUPT, what + ": ffprobe printed no readable JSON", e);
        }
    }

    /**
     * Takes {@code count} frames at evenly spread times, each from the middle of its share of
     * the video, so the first and last frames are not black fades. A time past the end yields no
     * frame, so fewer may return.
     *
     * @throws MediaException {@code CORRUPT} when no frame could be decoded
     */
    List<BufferedImage> frames(Path file, MediaProbe probe, int count, String what)
            throws MediaException, InterruptedException {
        List<BufferedImage> frames = new ArrayList<>(count);
        Duration length = probe.duration();
        int wanted = length == null ? 1 : count;
        for (int i = 0; i < wanted; i++) {
            double seconds = length == null ? 0 : length.toMillis() / 1000.0 * (i + 0.5) / wanted;
            BufferedImage frame = frameAt(file, seconds, what);
            if (frame != null) {
                frames.add(frame);
            }
        }
        if (frames.isEmpty()) {
            throw new MediaException(MediaException.Reason.CORRUPT, what + ": ffmpeg decoded no video frame");
        }
        return frames;
    }

    private @Nullable BufferedImage frameAt(Path file, double seconds, String what)
            throws MediaException, InterruptedException {
        List<String> command = List.of(requireFfmpeg().toString(), "-nostdin", "-v", "error",
                "-ss", String.format(Locale.ROOT, "%.3f", seconds), "-i", file.toString(),
                "-frames:v", "1", "-f", "image2pipe", "-c:v", "png", "-");
        ProcessRunner.Result result = run(command, MAX_FRAME_BYTES, what);
        if (result.exitCode() != 0 || result.stdout().length == 0) {
            log.debug("No frame at {} s of {}: {}", seconds, what, firstLine(result.stderr()));
            return null;
        }
        return ImageConverter.decode(result.stdout(), "frame of " + what);
    }

    /**
     * Extracts the first audio track as mono 16 kHz FLAC, a format the transcription endpoint
     * takes and ffmpeg encodes without extra libraries.
     *
     * @throws MediaException {@code CORRUPT} when ffmpeg fails, {@code TOO_LARGE} when the FLAC
     *     passes the endpoint's 25 MB upload limit
     */
    byte[] audioAsFlac(Path file, String what) throws MediaException, InterruptedException {
        List<String> command = List.of(requireFfmpeg().toString(), "-nostdin", "-v", "error", "-i", file.toString(),
                "-vn", "-map", "0:a:0", "-ac", "1", "-ar", "16000", "-c:a", "flac", "-f", "flac", "-");
        ProcessRunner.Result result;
        try {
            result = ProcessRunner.run(command, timeout, MAX_AUDIO_BYTES);
        } catch (ProcessRunner.LimitExceeded e) {
            throw new MediaException(MediaException.Reason.TOO_LARGE, what + ": " + e.getMessage(), -1,
                    MAX_AUDIO_BYTES, e);
        } catch (IOException e) {
            throw notRunnable(e);
        }
        if (result.exitCode() != 0 || result.stdout().length == 0) {
            throw new MediaException(MediaException.Reason.CORRUPT, what + ": ffmpeg could not extract the audio: "
                    + firstLine(result.stderr()));
        }
        return result.stdout();
    }

    private ProcessRunner.Result run(List<String> command, long maxOutput, String what)
            throws MediaException, InterruptedException {
        try {
            return ProcessRunner.run(command, timeout, maxOutput);
        } catch (ProcessRunner.LimitExceeded e) {
            throw new MediaException(MediaException.Reason.CORRUPT, what + ": " + e.getMessage()
                    + " (media tool_timeout)", e);
        } catch (IOException e) {
            throw notRunnable(e);
        }
    }

    private MediaException notRunnable(IOException e) {
        return new MediaException(MediaException.Reason.DECODER_UNAVAILABLE, "ffmpeg at " + ffmpeg
                + " could not be started: " + e.getMessage(), e);
    }

    private Path requireFfmpeg() throws MediaException {
        if (ffmpeg == null) {
            throw new MediaException(MediaException.Reason.DECODER_UNAVAILABLE,
                    "ffmpeg is not installed; install it (Debian package ffmpeg) or set media ffmpeg_directory");
        }
        return ffmpeg;
    }

    private Path requireFfprobe() throws MediaException {
        requireFfmpeg();
        return Objects.requireNonNull(ffprobe);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }

    private static @Nullable Path find(String program, @Nullable Path directory) {
        if (directory != null) {
            Path candidate = directory.resolve(program);
            return Files.isExecutable(candidate) ? candidate : null;
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path candidate = Path.of(entry).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
