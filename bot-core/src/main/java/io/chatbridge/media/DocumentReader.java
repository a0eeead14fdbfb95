package io.chatbridge.media;

import io.chatbridge.conversation.TokenCounter;
import org.jspecify.annotations.Nullable;

/** Reads text files and PDFs into prompt text within a token allowance. Thread-safe. */
final class DocumentReader {

    /** Characters of PDF text read per allowed token, so that cutting to tokens has enough to work with. */
    private static final int PDF_CHARS_PER_TOKEN = 8;

    /**
     * A document's text for the prompt.
     *
     * @param block the labelled text, or empty when none of it fitted
     * @param tokens what the text costs
     * @param percentRead how much of the document the text covers, 0 to 100
     */
    record Read(String block, int tokens, int percentRead) {}

    private final TokenCounter tokens;

    DocumentReader(TokenCounter tokens) {
        this.tokens = tokens;
    }

    /**
     * Reads a text file.
     *
     * @throws MediaException {@code UNSUPPORTED_TYPE} for binary content, {@code EMPTY_FILE} for a
     *     file of blank text
     */
    Read text(byte[] bytes, String name, int maxTokens, String what) throws MediaException {
        if (TextDecoding.looksBinary(bytes)) {
            throw new MediaException(MediaException.Reason.UNSUPPORTED_TYPE, what
                    + " is named or typed as text but has binary content (a NUL byte near the start)");
        }
        String text = TextDecoding.decode(bytes);
        if (text.isBlank()) {
            throw new MediaException(MediaException.Reason.EMPTY_FILE, what + " contains only whitespace");
        }
        return fit(text, 1.0, name, maxTokens);
    }

    /**
     * Reads a PDF's text layer.
     *
     * @throws MediaException {@code NO_TEXT_LAYER}, {@code ENCRYPTED} or {@code CORRUPT}
     */
    Read pdf(byte[] bytes, String name, int maxTokens, String what) throws MediaException {
        int enoughChars = (int) Math.min(Integer.MAX_VALUE / 2, (long) Math.max(1, maxTokens) * PDF_CHARS_PER_TOKEN);
        PdfText.Result result = PdfText.extract(bytes, enoughChars, what);
        double pagesShare = (double) result.pagesRead() / Math.max(1, result.pageCount());
        return fit(result.text(), pagesShare, name, maxTokens);
    }

    private Read fit(String text, double shareOfDocument, String name, int maxTokens) {
        String kept = TextBudget.cut(tokens, text, maxTokens);
        if (kept.isBlank()) {
            return new Read("", 0, 0);
        }
        double keptShare = shareOfDocument * kept.length() / text.length();
        int percent = keptShare >= 1.0 ? 100 : (int) Math.min(99, Math.floor(keptShare * 100));
        String block = "[File " + name + (percent < 100 ? ", beginning only" : "") + ":]\n"
                + kept.strip() + "\n[End of file " + name + "]";
        return new Read(block, tokens.count(block), percent);
    }

    /** Returns the name to show for a document: its file name, or {@code document}. */
    static String displayName(@Nullable String fileName) {
        return fileName == null || fileName.isBlank() ? "document" : fileName.strip();
    }
}
