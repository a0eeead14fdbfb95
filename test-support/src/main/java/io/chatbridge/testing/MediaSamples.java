package io.chatbridge.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Real media files made on the spot for tests: images drawn with Java2D, and audio and video made
 * by the installed ffmpeg from its built-in test sources ({@code testsrc}, {@code sine}).
 */
public final class MediaSamples {

    private MediaSamples() {}

    /** Returns whether ffmpeg and ffprobe are on the {@code PATH}; video tests assume it. */
    public static boolean ffmpegInstalled() {
        return onPath("ffmpeg") && onPath("ffprobe");
    }

    /** Draws a colour gradient of the given size and encodes it in a format ImageIO writes, such as {@code png}. */
    public static byte[] gradient(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, Color.BLUE, width, height, Color.ORANGE));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes the image of a {@code data:image/...;base64,} URL. */
    public static BufferedImage decodeDataUrl(String url) {
        int comma = url.indexOf(',');
        if (!url.startsWith("data:image/") || comma < 0) {
            throw new IllegalArgumentException("not an image data URL: " + url.substring(0, Math.min(40, url.length())));
        }
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(url.substring(comma + 1))));
            if (image == null) {
                throw new IllegalArgumentException("the data URL contains no readable image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes a 3-second H.264 MP4 of {@code testsrc} at 320 x 240 with a 440 Hz AAC tone. */
    public static byte[] videoWithSound(Path directory) {
        return ffmpeg(directory, "video.mp4", "-f", "lavfi", "-i", "testsrc=duration=3:size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=3", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-shortest");
    }

    /** Makes a 2-second H.264 MP4 of {@code testsrc} without an audio track. */
    public static byte[] silentVideo(Path directory) {
        return ffmpeg(directory, "silent.mp4", "-f", "lavfi", "-i", "testsrc=duration=2:size=160x120:rate=10",
                "-c:v", "libx264", "-pix_fmt", "yuv420p");
    }

    /** Makes a 2-second Ogg/Opus tone, the format of Telegram voice notes. */
    public static byte[] oggOpusTone(Path directory) {
        return ffmpeg(directory, "voice.ogg", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "libopus");
    }

    /** Makes a 2-second AAC tone in an MP4 container without any video. */
    public static byte[] audioOnlyMp4(Path directory) {
        return ffmpeg(directory, "tone.m4a", "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:a", "aac");
    }

    private static byte[] ffmpeg(Path directory, String outputName, String... arguments) {
        Path output = directory.resolve(outputName);
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(arguments));
        command.add(output.toString());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] log = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("ffmpeg failed to make " + outputName + ": " + new String(log));
            }
            return Files.readAllBytes(output);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run ffmpeg to make " + outputName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making " + outputName, e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(entry).resolve(program);
            if (Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}
