package io.chatbridge.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.model.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code usage} object of a recorded chat completions stream in the shared fixtures,
 * the figures the model client hands the engine.
 */
final class FixtureUsage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FixtureUsage() {}

    /** Returns the usage of a stream, or null when no chunk carries one. */
    static @Nullable Usage of(String openAiFixture) throws IOException {
        Usage usage = null;
        for (String line : Files.readAllLines(openAi(openAiFixture), StandardCharsets.UTF_8)) {
            if (!line.startsWith("data:") || line.substring(5).strip().equals("[DONE]")) {
                continue;
            }
            JsonNode chunk = JSON.readTree(line.substring(5));
            JsonNode figures = chunk.path("usage");
            if (figures.isObject()) {
                usage = new Usage(figures.path("prompt_tokens").asInt(),
                        figures.path("prompt_tokens_details").path("cached_tokens").asInt(),
                        figures.path("completion_tokens").asInt(), false);
            }
        }
        return usage;
    }

    /** Returns the text of a stream's content deltas. */
    static String text(String openAiFixture) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(openAi(openAiFixture), StandardCharsets.UTF_8)) {
            if (!line.startsWith("data:") || line.substring(5).strip().equals("[DONE]")) {
                continue;
            }
            JsonNode choices = JSON.readTree(line.substring(5)).path("choices");
            for (JsonNode choice : choices) {
                text.append(choice.path("delta").path("content").asText(""));
            }
        }
        return text.toString();
    }

    private static Path openAi(String name) {
        return io.chatbridge.testing.Fixtures.path("openai/" + name);
    }
}
