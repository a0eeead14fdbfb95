package io.chatbridge.usage;

import java.io.IOException;
import java.util.List;

/**
 * Writes CSV as RFC 4180 describes it: comma-separated fields, CRLF line ends, and a field that
 * contains a comma, a double quote, CR or LF enclosed in double quotes with its quotes doubled.
 */
final class Csv {

    private Csv() {}

    /** Writes one record and its line end. */
    static void writeRow(Appendable out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quote(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** Returns a field as it must appear in a record. */
    static String quote(String field) {
        boolean needsQuotes = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0
                || field.indexOf('\n') >= 0;
        return needsQuotes ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /**
     * Returns free text that a spreadsheet must show as text: a value starting with {@code =},
     * {@code +}, {@code -}, {@code @}, tab or CR gets a leading apostrophe, because spreadsheets
     * would otherwise run it as a formula. Member display names are chosen by members, so a name
     * such as {@code =HYPERLINK(...)} must not become a live formula in the operator's sheet.
     */
    static String text(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }
}
