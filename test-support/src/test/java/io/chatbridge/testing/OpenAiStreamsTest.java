package io.chatbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void piecesNeverSplitSurrogatePairs() {
        assertThat(OpenAiStreams.pieces("ab😊cdé😊😊f")).containsExactly("ab😊c", "dé😊😊", "f");
        assertThat(OpenAiStreams.pieces("")).isEmpty();
    }

    @Test
    void textStreamHasEveryChunkKind() throws Exception {
        List<String> payloads = payloads(OpenAiStreams.text("Hello world", 12, 3));

        assertThat(payloads).hasSize(7);
        assertThat(JSON.readTree(payloads.get(0)).path("choices").path(0).path("delta").path("role").asText())
                .isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        for (String payload : payloads.subList(1, 4)) {
            text.append(JSON.readTree(payload).path("choices").path(0).path("delta").path("content").asText());
        }
        assertThat(text).hasToString("Hello world");
        assertThat(JSON.readTree(payloads.get(4)).path("choices").path(0).path("finish_reason").asText())
                .isEqualTo("stop");
        JsonNode usage = JSON.readTree(payloads.get(5));
        assertThat(usage.path("choices").size()).isZero();
        assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(12);
        assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(3);
        assertThat(usage.path("usage").path("total_tokens").asInt()).isEqualTo(15);
        assertThat(payloads.get(6)).isEqualTo("[DONE]");
    }

    @Test
    void streamWithoutUsageHasNoUsageChunk() {
        List<String> payloads = payloads(OpenAiStreams.textWithoutUsage("Hi"));

        assertThat(payloads).hasSize(4);
        assertThat(payloads).noneMatch(payload -> payload.contains("\"prompt_tokens\""));
    }

    @Test
    void completionCarriesAnswerAndUsage() throws Exception {
        JsonNode completion = JSON.readTree(OpenAiStreams.completion("Yes", 4, 1));

        assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
        assertThat(completion.path("choices").path(0).path("message").path("content").asText()).isEqualTo("Yes");
        assertThat(completion.path("usage").path("total_tokens").asInt()).isEqualTo(5);
    }

    private static List<String> payloads(String sse) {
        List<String> payloads = new ArrayList<>();
        for (String event : sse.split("\n\n")) {
            assertThat(event).startsWith("data: ");
            payloads.add(event.substring("data: ".length()));
        }
        return payloads;
    }
}
