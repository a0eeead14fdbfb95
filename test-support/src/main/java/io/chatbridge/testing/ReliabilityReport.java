package io.chatbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Collects what fault-injection tests did, one table row per fault, into
 * {@code target/reliability/<TestClass>.md} of the module under test. {@code scripts/reliability.sh}
 * joins these files into the report behind {@code RELIABILITY.md}.
 *
 * <p>Each row names the fault, how many times it was injected and what the bot did, then counts the
 * members' messages: sent, answered, told why no answer came (the bot's notice, such as "the AI
 * service is unavailable"), and lost, which is the rest: messages that got neither. The file is
 * rewritten by the first row of each test run. Thread-safe.
 */
public final class ReliabilityReport {

    /** The folder, relative to the module's directory, that holds one file per test class. */
    public static final Path FOLDER = Path.of("target", "reliability");

    private final Path file;
    private boolean started;

    private ReliabilityReport(Path file) {
        this.file = file;
    }

    /** Returns a report for one test class, written to {@code target/reliability/<simple name>.md}. */
    public static ReliabilityReport forClass(Class<?> testClass) {
        return new ReliabilityReport(FOLDER.resolve(testClass.getSimpleName() + ".md"));
    }

    /**
     * Adds one row.
     *
     * @param area where the fault was injected, such as {@code Telegram polling}
     * @param fault what was injected, such as {@code getUpdates answered 502}
     * @param injected how many times
     * @param behaviour what the bot did, in a short sentence
     * @param sent messages that members sent during the fault
     * @param answered of those, how many got their answer, whole or partial and marked as interrupted
     * @param toldWhy of those, how many got a notice saying why no answer came
     */
    public synchronized void record(String area, String fault, int injected, String behaviour, int sent, int answered,
            int toldWhy) {
        Objects.requireNonNull(behaviour, "behaviour");
        String row = "| " + cell(area) + " | " + cell(fault) + " | " + injected + " | " + cell(behaviour) + " | " + sent
                + " | " + answered + " | " + toldWhy + " | " + (sent - answered - toldWhy) + " |\n";
        try {
            Files.createDirectories(file.getParent());
            if (!started) {
                Files.writeString(file, row, StandardCharsets.UTF_8);
                started = true;
            } else {
                Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the reliability report " + file.toAbsolutePath(), e);
        }
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
