package io.chatbridge.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.storage.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that records calls (SIGKILL, so no shutdown hook or close runs) and checks that
 * every call it reported done is in the ledger, and at most the one in progress beyond them.
 */
class LedgerKillTest {

    private static final int DELIVERED_BEFORE_KILL = 50;

    @TempDir
    Path dir;

    @Test
    void killedWriterLosesNoDeliveredCall() throws Exception {
        Path file = dir.resolve("chatbridge.db");
        // A file rather than a pipe, because killing the process closes the pipe, losing the lines
        // still in it.
        Path output = dir.resolve("delivered.txt");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process writer = new ProcessBuilder(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), LedgerWriterProcess.class.getName(), file.toString()))
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (delivered(output) < DELIVERED_BEFORE_KILL && writer.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(10);
            }
            // On Linux and macOS this is SIGKILL.
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            writer.destroyForcibly();
        }

        int delivered = delivered(output);
        assertThat(delivered).isGreaterThanOrEqualTo(DELIVERED_BEFORE_KILL);
        try (Database database = Database.openReadOnly(file, UsageLedger.SCHEMA_VERSION)) {
            long rows = new UsageLedger(database).totals(TimeWindow.ALL).requests();
            assertThat(rows).isBetween((long) delivered, delivered + 1L);
        }
    }

    /** Counts whole {@code delivered} lines; a line cut by the kill has no line end and is not counted. */
    private static int delivered(Path output) throws Exception {
        if (!Files.exists(output)) {
            return 0;
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        int count = 0;
        for (String line : text.split("\n", -1)) {
            count += line.startsWith("delivered ") ? 1 : 0;
        }
        // The part after the last line end is unfinished.
        return text.endsWith("\n") || text.isEmpty() ? count : count - (lastLine(text).startsWith("delivered ") ? 1 : 0);
    }

    private static String lastLine(String text) {
        return text.substring(text.lastIndexOf('\n') + 1);
    }
}
