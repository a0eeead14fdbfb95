package io.chatbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the shared Discord fixtures, found by walking up from the working directory to the first
 * folder that contains {@code shared/fixtures/discord}.
 */
final class DiscordFixtureFiles {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIRECTORY = locate();

    private DiscordFixtureFiles() {
    }

    /** Reads {@code shared/fixtures/discord/<fileName>} as JSON. */
    static JsonNode read(String fileName) {
        Path file = DIRECTORY.resolve(fileName);
        try {
            return JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read Discord fixture " + file, e);
        }
    }

    private static Path locate() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("discord");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No shared/fixtures/discord folder found in " + start
                + " or any parent folder; run the tests from inside the project checkout that has"
                + " shared/ beside it");
    }
}
