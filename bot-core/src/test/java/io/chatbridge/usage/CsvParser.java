package io.chatbridge.usage;

import java.util.ArrayList;
import java.util.List;

/** Reads RFC 4180 CSV back, so that tests check what a spreadsheet would see. */
final class CsvParser {

    private CsvParser() {}

    /**
     * Returns the records of a CSV text. Fields may be quoted, with doubled quotes inside and
     * commas and line breaks kept; records end with CRLF.
     *
     * @throws IllegalArgumentException when a quote is not closed, text follows a closing quote, or
     *     a line ends in a bare LF
     */
    static List<List<String>> parse(String csv) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i = readQuoted(csv, i + 1, field);
                if (i < csv.length() && csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after a closing quote at " + i);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                fields = new ArrayList<>();
                i += 2;
            } else if (c == '\n' || c == '\r') {
                throw new IllegalArgumentException("bare line break outside quotes at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
        }
        return records;
    }

    private static int readQuoted(String csv, int start, StringBuilder field) {
        int i = start;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (c == '"') {
                if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            field.append(c);
            i++;
        }
        throw new IllegalArgumentException("quote opened before " + start + " is never closed");
    }
}
