package io.chatbridge.media;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads the text layer of a PDF with Apache PDFBox, page by page up to a length. Thread-safe. */
final class PdfText {

    /**
     * The text read and how much of the document it covers.
     *
     * @param text the text of the pages read
     * @param pagesRead how many pages were read
     * @param pageCount how many pages the document has
     */
    record Result(String text, int pagesRead, int pageCount) {}

    private PdfText() {}

    /**
     * Extracts text until it has at least {@code enoughChars} characters or the pages run out.
     *
     * @throws MediaException {@code ENCRYPTED} for a PDF that needs a user password, {@code CORRUPT}
     *     when PDFBox cannot parse it, {@code NO_TEXT_LAYER} when no page has text
     */
    static Result extract(byte[] bytes, int enoughChars, String what) throws MediaException {
        try (PDDocument document = Loader.loadPDF(bytes)) {
            int pageCount = document.getNumberOfPages();
            PDFTextStripper stripper = new PDFTextStripper();
            StringBuilder text = new StringBuilder();
            int page = 0;
            while (page < pageCount && text.length() < enoughChars) {
                page++;
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                text.append(stripper.getText(document));
            }
            if (text.toString().isBlank()) {
                throw new MediaException(MediaException.Reason.NO_TEXT_LAYER, what + " has " + pageCount
                        + " pages but no text layer on any of them");
            }
            return new Result(text.toString().strip(), page, pageCount);
        } catch (InvalidPasswordException e) {
            throw new MediaException(MediaException.Reason.ENCRYPTED, what + " needs a password to open", e);
        } catch (IOException | RuntimeException e) {
            throw new MediaException(MediaException.Reason.CORRUPT, what + " could not be read as a PDF: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }
}
