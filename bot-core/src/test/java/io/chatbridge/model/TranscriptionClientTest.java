package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.TranscriptionUpload;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transcription client against the fake OpenAI server's {@code /v1/audio/transcriptions}. */
class TranscriptionClientTest {

    private final FakeOpenAiServer server = new FakeOpenAiServer();
    private final OpenAiSettings settings = ModelHarness.settings(server.baseUrl(), ModelHarness.API_KEY, 0,
            Duration.ofSeconds(5), Duration.ofSeconds(5), null);
    private final TranscriptionClient client = new TranscriptionClient(settings,
            HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(5), null), Clock.systemUTC());

    @AfterEach
    void stop() {
        server.close();
    }

    private static TranscriptionRequest voice(String model, Duration length) {
        return new TranscriptionRequest("OggS-audio".getBytes(StandardCharsets.US_ASCII), "voice.ogg", "audio/ogg",
                model, length);
    }

    @Test
    void uploadIsMultipartWithFileAndModel() throws Exception {
        server.enqueueTranscript("Hello there, how are you?");

        Transcription result = client.transcribe(voice("gpt-4o-mini-transcribe", Duration.ofSeconds(3)));

        assertThat(result.text()).isEqualTo("Hello there, how are you?");
        assertThat(result.usage()).isEqualTo(new Usage(10, 0, 7, false));
        assertThat(result.upstream()).isEqualTo("127.0.0.1");
        TranscriptionUpload upload = server.transcriptions().getFirst();
        assertThat(upload.fileName()).isEqualTo("voice.ogg");
        assertThat(upload.contentType()).isEqualTo("audio/ogg");
        assertThat(new String(upload.audio(), StandardCharsets.US_ASCII)).isEqualTo("OggS-audio");
        assertThat(upload.fields()).isEqualTo(Map.of("model", "gpt-4o-mini-transcribe", "response_format", "json"));
        assertThat(upload.authorization()).isEqualTo("Bearer " + ModelHarness.API_KEY);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void durationUsageIsEstimatedFromSeconds() throws Exception {
        server.enqueueTranscriptionError(200, "{\"text\": \"hi\", \"usage\": {\"type\": \"duration\", \"seconds\": 4.2}}");

        Transcription result = client.transcribe(voice("whisper-1", null));

        assertThat(result.usage()).isEqualTo(new Usage(50, 0, 1, true));
    }

    @Test
    void rejectedAudioIsBadRequest() {
        server.enqueueTranscriptionError(400, "{\"error\": {\"message\": \"Audio file might be corrupted or unsupported\","
                + " \"type\": \"invalid_request_error\", \"param\": \"file\", \"code\": \"invalid_value\"}}");

        assertThatThrownBy(() -> client.transcribe(voice("gpt-4o-mini-transcribe", null)))
                .isInstanceOfSatisfying(ModelException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelErrorKind.BAD_REQUEST);
                    assertThat(e.httpStatus()).isEqualTo(400);
                })
                .hasMessageContaining("Audio file might be corrupted or unsupported")
                .hasMessageNotContaining(ModelHarness.API_KEY);
    }

    @Test
    void unreachableEndpointIsNetworkFailure() {
        int port = server.port();
        server.close();
        TranscriptionClient closed = new TranscriptionClient(ModelHarness.settings("http://127.0.0.1:" + port + "/v1",
                ModelHarness.API_KEY, 0, Duration.ofSeconds(2), Duration.ofSeconds(2), null),
                HttpClients.create(Duration.ofSeconds(2), Duration.ofSeconds(2), null), Clock.systemUTC());

        assertThatThrownBy(() -> closed.transcribe(voice("gpt-4o-mini-transcribe", null)))
                .isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelErrorKind.NETWORK));
    }
}
