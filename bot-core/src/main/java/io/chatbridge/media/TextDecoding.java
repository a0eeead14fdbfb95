package io.chatbridge.media;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Decodes the bytes of a text file. Chat members send UTF-8 files, UTF-16 files with a byte order
 * mark (Windows Notepad) and GB18030/GBK files (older Chinese Windows software), so those are
 * recognised. Anything else is read as UTF-8 with U+FFFD for invalid bytes.
 */
final class TextDecoding {

    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final int BINARY_PROBE_BYTES = 8192;

    private TextDecoding() {}

    /** Returns the text, without a byte order mark. */
    static String decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        String utf8 = strict(bytes, StandardCharsets.UTF_8);
        if (utf8 != null) {
            return utf8;
        }
        // Bytes that are not UTF-8 but decode strictly as GB18030 into Chinese are that encoding;
        // Latin-1 text rarely decodes strictly as GB18030 and would yield no Han characters.
        String chinese = strict(bytes, GB18030);
        if (chinese != null && chinese.codePoints().anyMatch(TextDecoding::isHan)) {
            return chinese;
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * Returns whether the start of a file looks binary: a NUL byte in the first 8 KiB, which text
     * in UTF-8 or GB18030 never has. UTF-16 text has NULs, so a UTF-16 byte order mark exempts it.
     */
    static boolean looksBinary(byte[] bytes) {
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            return false;
        }
        int end = Math.min(bytes.length, BINARY_PROBE_BYTES);
        for (int i = 0; i < end; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static @Nullable String strict(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
