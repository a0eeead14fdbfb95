package io.chatbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixturesTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Fixtures.ROOT_PROPERTY);
    }

    @Test
    void rootIsFoundAboveWorkingDirectory() {
        Path root = Fixtures.root();

        assertThat(root.endsWith(Path.of("shared", "fixtures")) || root.endsWith(Path.of("test-support", "fixtures")))
                .as("fixture folder %s is shared/fixtures or the bundled test-support/fixtures", root)
                .isTrue();
        assertThat(root.resolve("README.md")).isRegularFile();
    }

    @Test
    void readReturnsFileText() {
        assertThat(Fixtures.read("openai/error_500_relay_nonstandard.json"))
                .contains("\"message\": \"524 status code (no body)\"");
    }

    @Test
    void headersParseResponseHead() {
        Map<String, String> headers = Fixtures.headers("openai/headers_429.txt");

        assertThat(headers).containsEntry("retry-after-ms", "210")
                .containsEntry("retry-after", "1")
                .containsEntry("content-type", "application/json; charset=utf-8")
                .hasSize(10);
    }

    @Test
    void propertyOverridesSearch(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("only.txt"), "here");
        System.setProperty(Fixtures.ROOT_PROPERTY, dir.toString());

        assertThat(Fixtures.read("only.txt")).isEqualTo("here");
    }

    @Test
    void propertyNamingMissingFolderFails(@TempDir Path dir) {
        System.setProperty(Fixtures.ROOT_PROPERTY, dir.resolve("absent").toString());

        assertThatThrownBy(Fixtures::root)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("System property chatbridge.fixtures must name a folder, but ");
    }

    @Test
    void pathOutsideRootIsRejected() {
        assertThatThrownBy(() -> Fixtures.path("../DESIGN.md"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Fixture path must stay inside ");
    }

    @Test
    void missingFileIsRejected() {
        assertThatThrownBy(() -> Fixtures.read("openai/absent.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Fixture file not found: ");
    }
}
