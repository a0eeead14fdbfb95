package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.ReliabilityReport;
import io.chatbridge.testing.SseNoise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** 200 streams with random byte noise, from a fixed seed, through the real client and the fake server. */
class SseNoiseFuzzTest {

    private static final long SEED = 20260610L;
    private static final int STREAMS = 200;

    private final ModelHarness harness = new ModelHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void noisyStreamsEndInAnswerOrModelException() throws Exception {
        OpenAiSettings settings = ModelHarness.settings(harness.server.baseUrl(), ModelHarness.API_KEY, 0,
                Duration.ofSeconds(5), Duration.ofSeconds(2), null);
        OpenAiChatModel model = harness.model(settings);
        SseNoise noise = new SseNoise(SEED);
        int harmless = 0;
        int exact = 0;
        int failedAsModelException = 0;
        long started = System.nanoTime();

        for (int i = 0; i < STREAMS; i++) {
            SseNoise.NoisyStream stream = noise.next();
            harness.server.enqueueStreamBytes(stream.bytes(), stream.pieceBytes());
            List<String> deltas = new ArrayList<>();
            try {
                ChatCompletion completion = model.stream(ModelHarness.request("q" + i), deltas::add);
                assertThat(completion.text()).as("stream %d", i).isEqualTo(String.join("", deltas));
                if (completion.text().equals(stream.answer())) {
                    exact++;
                }
            } catch (ModelException e) {
                assertThat(stream.kind()).as("stream %d failed: %s", i, e.getMessage()).isEqualTo(SseNoise.Kind.CORRUPTING);
                assertThat(e.partialText()).as("stream %d", i).isEqualTo(String.join("", deltas));
                failedAsModelException++;
            }
            if (stream.kind() == SseNoise.Kind.HARMLESS) {
                harmless++;
            }
        }

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(exact).isGreaterThanOrEqualTo(harmless);
        assertThat(failedAsModelException).isPositive();
        assertThat(took).isLessThan(Duration.ofSeconds(30));
        assertThat(harness.server.requestCount()).isEqualTo(STREAMS);
        ReliabilityReport.forClass(SseNoiseFuzzTest.class).record("Model stream",
                "random byte noise in SSE streams (" + harmless + " harmless, " + (STREAMS - harmless) + " corrupting)",
                STREAMS, "harmless noise gave the exact answer every time; corrupting noise gave a whole or partial"
                        + " answer or a ModelException, which the engine shows as a notice or as the partial answer marked"
                        + " interrupted; never another exception or a hang", STREAMS, STREAMS - failedAsModelException, failedAsModelException);
    }
}
