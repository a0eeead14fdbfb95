package io.chatbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Locates and reads the shared fixture files (recorded-shape API payloads).
 *
 * <p>The fixture folder is {@code shared/fixtures} next to the repository folder. It is found by
 * walking up from the working directory and taking the first ancestor that contains
 * {@code shared/fixtures}, so it works both from a module folder (where Maven runs tests) and from
 * the repository root. When there is none, the copy in the repository's {@code test-support/fixtures}
 * is used, so that a clone on its own still runs every test. The system property
 * {@value #ROOT_PROPERTY} overrides the search with an explicit folder.
 *
 * <p>Stateless and thread-safe.
 */
public final class Fixtures {

    /** The system property that names the fixture folder explicitly. */
    public static final String ROOT_PROPERTY = "chatbridge.fixtures";

    private static final Path RELATIVE_ROOT = Path.of("shared", "fixtures");
    // A copy kept in the repository, so that a clone without the shared folder still tests.
    private static final Path BUNDLED_ROOT = Path.of("test-support", "fixtures");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private Fixtures() {}

    /**
     * Returns the fixture folder.
     *
     * @throws IllegalStateException when {@value #ROOT_PROPERTY} names a missing folder, or when no
     *     ancestor of the working directory contains {@code shared/fixtures}
     */
    public static Path root() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path explicit = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isDirectory(explicit)) {
                throw new IllegalStateException("System property " + ROOT_PROPERTY
                        + " must name a folder, but " + explicit + " is not one");
            }
            return explicit;
        }

        Path start = Path.of("").toAbsolutePath().normalize();
        // The repository is the nearest folder holding the bundled copy; only a shared folder right
        // beside it counts, so a stale copy higher up the tree is never picked by accident.
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path bundled = dir.resolve(BUNDLED_ROOT);
            if (Files.isDirectory(bundled)) {
                Path parent = dir.getParent();
                Path shared = parent == null ? null : parent.resolve(RELATIVE_ROOT);
                return shared != null && Files.isDirectory(shared) ? shared : bundled;
            }
        }
        List<Path> searched = new ArrayList<>();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_ROOT);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            searched.add(candidate);
        }
        throw new IllegalStateException("No fixture folder found: none of " + searched
                + " exists. Run the tests inside the repository or set -D" + ROOT_PROPERTY + "=/path/to/fixtures");
    }

    /**
     * Reads one fixture file as JSON.
     *
     * @throws IllegalArgumentException when the file is missing or not JSON
     */
    public static com.fasterxml.jackson.databind.JsonNode json(String relative) {
        try {
            return JSON.readTree(read(relative));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Fixture " + relative + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Returns the path of one fixture file.
     *
     * @param relative a path inside the fixture folder, such as {@code openai/error_404_model.json}
     * @throws IllegalArgumentException when the path leaves the fixture folder or the file is missing
     */
    public static Path path(String relative) {
        Path root = root();
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("Fixture path must stay inside " + root + ", was: " + relative);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Fixture file not found: " + file);
        }
        return file;
    }

    /**
     * Reads one fixture file as UTF-8 text.
     *
     * @throws IllegalArgumentException when the file is missing, see {@link #path(String)}
     * @throws UncheckedIOException when reading fails
     */
    public static String read(String relative) {
        return new String(bytes(relative), StandardCharsets.UTF_8);
    }

    /**
     * Reads one fixture file as bytes, for binary files such as images.
     *
     * @throws IllegalArgumentException when the file is missing, see {@link #path(String)}
     * @throws UncheckedIOException when reading fails
     */
    public static byte[] bytes(String relative) {
        Path file = path(relative);
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read fixture " + file, e);
        }
    }

    /**
     * Parses a fixture that contains an HTTP response head ({@code HTTP/1.1 429 ...} followed by
     * {@code name: value} lines) into its headers.
     *
     * @return header names in lower case mapped to their values, in file order; the status line and
     *     blank lines are skipped, and a repeated name keeps its last value
     * @throws IllegalArgumentException when a header line has no colon
     */
    public static Map<String, String> headers(String relative) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : read(relative).split("\r?\n")) {
            if (line.isBlank() || line.startsWith("HTTP/")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("Header line in " + relative
                        + " must have the form 'name: value', was: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.put(name, line.substring(colon + 1).trim());
        }
        return headers;
    }

    /** Returns the media type that a fake server sends for a fixture, judged by its file extension. */
    static @Nullable String contentTypeOf(String relative) {
        String name = relative.toLowerCase(Locale.ROOT);
        if (name.endsWith(".sse")) {
            return "text/event-stream";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return null;
    }
}
