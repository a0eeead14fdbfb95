package io.chatbridge.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generates chat completions streams with random byte noise, reproducible from a seed, for fuzz
 * tests of the stream reader.
 *
 * <p>{@link Kind#HARMLESS} noise is what a stream may legally carry: comment lines and unknown
 * fields holding any bytes (invalid UTF-8 included), extra blank lines and CRLF line ends. A reader
 * that follows the event stream format must still see the exact answer. {@link Kind#CORRUPTING}
 * noise breaks the stream: random bytes (line breaks included) at a random place, a {@code data:}
 * line of random bytes, or a stream cut short. A reader may then fail, but only in the way it
 * reports broken streams. Not thread-safe; use one instance per thread.
 */
public final class SseNoise {

    /** Whether the noise leaves the answer readable. */
    public enum Kind {
        HARMLESS,
        CORRUPTING
    }

    /**
     * One generated stream.
     *
     * @param answer the answer text of the stream before noise was added
     * @param bytes the stream as sent
     * @param kind the kind of noise added
     * @param pieceBytes the size of the pieces the server should write, to vary how the stream is split
     */
    public record NoisyStream(String answer, byte[] bytes, Kind kind, int pieceBytes) {}

    private static final List<String> WORDS = List.of("hello", "世界", "مرحبا", "שלום", "😀", "e\u0301", "\u200b",
            "\u200f", "\u202e", "code", "`", "*", "\n", " ", "ok.");

    private final Random random;

    /** Creates a generator whose output depends only on the seed. */
    public SseNoise(long seed) {
        this.random = new Random(seed);
    }

    /** Returns the next stream, harmless or corrupting with equal odds. */
    public NoisyStream next() {
        return next(random.nextBoolean() ? Kind.HARMLESS : Kind.CORRUPTING);
    }

    /** Returns the next stream with noise of the given kind. */
    public NoisyStream next(Kind kind) {
        String answer = answer();
        String clean = OpenAiStreams.text(answer, 10, 5);
        byte[] bytes = kind == Kind.HARMLESS ? harmless(clean) : corrupting(clean);
        return new NoisyStream(answer, bytes, kind, 1 + random.nextInt(64));
    }

    private String answer() {
        var text = new StringBuilder();
        int words = 1 + random.nextInt(12);
        for (int i = 0; i < words; i++) {
            text.append(WORDS.get(random.nextInt(WORDS.size())));
        }
        // An answer of only white space would be a legal but empty answer; keep one letter.
        return "A" + text;
    }

    private byte[] harmless(String clean) {
        boolean crlf = random.nextInt(4) == 0;
        var out = new ByteArrayOutputStream();
        for (String event : clean.split("(?<=\n\n)")) {
            int noise = random.nextInt(3);
            for (int i = 0; i < noise; i++) {
                writeHarmlessLine(out, crlf);
            }
            write(out, crlf ? event.replace("\n", "\r\n") : event);
        }
        return out.toByteArray();
    }

    private void writeHarmlessLine(ByteArrayOutputStream out, boolean crlf) {
        String end = crlf ? "\r\n" : "\n";
        switch (random.nextInt(4)) {
            case 0 -> {
                out.write(':');
                out.writeBytes(randomBytesWithoutLineBreaks());
                write(out, end);
            }
            case 1 -> {
                write(out, random.nextBoolean() ? "id: " : "x-relay-noise: ");
                out.writeBytes(randomBytesWithoutLineBreaks());
                write(out, end);
            }
            case 2 -> write(out, "retry: " + random.nextInt(10_000) + end);
            default -> write(out, end);
        }
    }

    private byte[] corrupting(String clean) {
        byte[] bytes = clean.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream();
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(3)) {
            case 0 -> {
                out.write(bytes, 0, at);
                out.writeBytes(randomBytes(1 + random.nextInt(40)));
                out.write(bytes, at, bytes.length - at);
            }
            case 1 -> {
                int eventStart = clean.lastIndexOf("\n\n", clean.length() / 2);
                int split = eventStart < 0 ? 0 : clean.substring(0, eventStart + 2).getBytes(StandardCharsets.UTF_8).length;
                out.write(bytes, 0, split);
                write(out, "data: ");
                out.writeBytes(randomBytesWithoutLineBreaks());
                write(out, "\n\n");
                out.write(bytes, split, bytes.length - split);
            }
            default -> out.write(bytes, 0, at);
        }
        return out.toByteArray();
    }

    private byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] randomBytesWithoutLineBreaks() {
        byte[] bytes = randomBytes(random.nextInt(60));
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                bytes[i] = 0x7f;
            }
        }
        return bytes;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
