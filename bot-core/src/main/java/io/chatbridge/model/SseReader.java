package io.chatbridge.model;

import java.io.IOException;
import okio.BufferedSource;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Reads server-sent events from a response body, one event per {@link #next()} call, on the
 * calling thread.
 *
 * <p>Follows the WHATWG event stream format: lines end in LF, CRLF or CR; a line starting with a
 * colon is a comment; {@code field:value} drops one space after the colon if present, so both
 * {@code data: x} and {@code data:x} give {@code x}; several {@code data} lines are joined with
 * LF; a blank line ends the event. Unlike the specification, an event that is pending when the
 * stream ends is still returned, because some relays omit the blank line after {@code [DONE]}.
 *
 * <p>Not thread-safe.
 */
final class SseReader {

    /** One event: its {@code event} field (default {@code message}) and its joined data lines. */
    record Event(String name, String data) {}

    private static final ByteString LINE_ENDS = ByteString.encodeUtf8("\r\n");

    private final BufferedSource source;
    private boolean skipLineFeed;

    SseReader(BufferedSource source) {
        this.source = source;
    }

    /**
     * Returns the next event with data, blocking until it is complete, or null at the end of the
     * stream.
     *
     * @throws IOException when reading fails, including the read timeout
     */
    @Nullable Event next() throws IOException {
        String name = "message";
        StringBuilder data = null;

        for (String line = readLine(); line != null; line = readLine()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(name, data.toString());
                }
                name = "message";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }

            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }

            if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (field.equals("event")) {
                name = value;
            }
        }
        return data == null ? null : new Event(name, data.toString());
    }

    private @Nullable String readLine() throws IOException {
        // A CR ends a line at once; an LF right after it belongs to the same line end. Checking for
        // that LF only now, rather than right after the CR, avoids blocking before an event is handed out.
        if (skipLineFeed) {
            skipLineFeed = false;
            if (source.request(1) && source.getBuffer().getByte(0) == '\n') {
                source.skip(1);
            }
        }

        long end = source.indexOfElement(LINE_ENDS);
        if (end < 0) {
            return source.exhausted() ? null : source.readUtf8();
        }
        String line = source.readUtf8(end);
        skipLineFeed = source.readByte() == '\r';
        return line;
    }
}
