package io.chatbridge.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.config.OpenAiSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Transcriber} for OpenAI's {@code POST {baseUrl}/audio/transcriptions}, using the base
 * URL, API key and proxy of the chat model, so a relay that serves chat also serves this.
 *
 * <p>One attempt per call, no retries: a member who sent a voice note waits for the answer, and a
 * failed transcription is reported at once so that they can send it again. Connecting is bounded
 * by {@code connectTimeout}, and the whole call by {@code firstTokenTimeout}, because the endpoint
 * answers only when the transcript is complete.
 *
 * <p><b>Usage.</b> {@code gpt-4o-mini-transcribe} and {@code gpt-4o-transcribe} report tokens
 * ({@code usage.type = "tokens"}): input (audio) tokens become the prompt tokens and output tokens
 * the completion tokens. {@code whisper-1} reports only seconds ({@code usage.type = "duration"}),
 * and a relay may report nothing; then the usage is an estimate marked
 * {@link Usage#estimated()}: 10 prompt tokens per second of audio (the rate of OpenAI's realtime
 * models, one audio token per 100 ms) and the transcript's tokens, one per four characters, as
 * completion tokens. Without a known duration the prompt estimate is 0.
 *
 * <p>Thread-safe.
 */
public final class TranscriptionClient implements Transcriber {

    private static final Logger log = LoggerFactory.getLogger(TranscriptionClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_RESPONSE_BYTES = 4L * 1024 * 1024;
    private static final int ESTIMATED_AUDIO_TOKENS_PER_SECOND = 10;

    private final OpenAiSettings settings;
    private final Clock clock;
    private final HttpUrl endpoint;
    private final String upstream;
    private final OkHttpClient client;
    private final ModelFailures failures;

    /**
     * Creates a client.
     *
     * @param settings the endpoint, key, timeouts and proxy of the chat model
     * @param client the HTTP client to share, normally from {@link HttpClients#create}
     * @param clock evaluates {@code retry-after} dates in error responses
     * @throws IllegalArgumentException when the base URL is not an http(s) URL
     */
    public TranscriptionClient(OpenAiSettings settings, OkHttpClient client, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endpoint = Endpoints.audioTranscriptions(settings.baseUrl(), settings.apiKey());
        this.upstream = endpoint.host();
        this.client = client.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.firstTokenTimeout())
                .writeTimeout(settings.idleTimeout())
                .callTimeout(settings.connectTimeout().plus(settings.firstTokenTimeout()))
                .proxy(settings.proxy() == null ? Proxy.NO_PROXY : settings.proxy().toProxy())
                .build();
        this.failures = new ModelFailures(Endpoints.hostAndPort(endpoint), settings.proxy(), settings.apiKey());
    }

    @Override
    public Transcription transcribe(TranscriptionRequest request) throws ModelException, InterruptedException {
        log.debug("Sending transcription request: model={}, upstream={}, file={}, {} bytes",
                request.model(), upstream, request.fileName(), request.audio().length);
        Call call = client.newCall(httpRequest(request));
        try (Response response = call.execute()) {
            if (!response.isSuccessful()) {
                throw httpError(response, request.model());
            }
            return transcription(readJson(response.body()), request);
        } catch (InterruptedIOException e) {
            if (Thread.interrupted()) {
                call.cancel();
                throw new InterruptedException("Interrupted while waiting for the transcription");
            }
            throw failures.idleTimeout(settings.firstTokenTimeout(), "", false, e);
        } catch (IOException e) {
            throw e instanceof SocketTimeoutException
                    ? failures.idleTimeout(settings.firstTokenTimeout(), "", false, e)
                    : failures.connectFailure(e, false, settings.connectTimeout());
        }
    }

    private Request httpRequest(TranscriptionRequest request) {
        RequestBody file = RequestBody.create(request.audio(), MediaType.get(request.mediaType()));
        MultipartBody body = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("model", request.model())
                .addFormDataPart("response_format", "json")
                .addFormDataPart("file", request.fileName(), file)
                .build();
        Request.Builder builder = new Request.Builder().url(endpoint).post(body);
        // A keyless relay needs no header, and "Bearer " with an empty token is malformed.
        if (!settings.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }

    private ModelException httpError(Response response, String model) {
        String text;
        try {
            text = response.peekBody(64 * 1024).string();
        } catch (IOException e) {
            // The status alone still classifies the failure; the body would only add detail.
            text = "";
        }
        MediaType type = response.body().contentType();
        ErrorBody error = ErrorBody.parse(type == null ? null : type.toString(), text, response.message(), JSON);
        return failures.httpError(response.code(), error, response.headers(), clock.instant(), model);
    }

    private JsonNode readJson(ResponseBody body) throws IOException, ModelException {
        BufferedSource source = body.source();
        if (source.request(MAX_RESPONSE_BYTES + 1)) {
            throw failures.unreadable("a body over " + MAX_RESPONSE_BYTES + " bytes", "", "");
        }
        String text = source.getBuffer().readUtf8();
        try {
            JsonNode json = JSON.readTree(text);
            if (json != null && json.path("text").isTextual()) {
                return json;
            }
        } catch (IOException e) {
            // Reported below with the start of the body.
        }
        throw failures.unreadable("no transcript (a JSON object with \"text\")", text, "");
    }

    private Transcription transcription(JsonNode json, TranscriptionRequest request) {
        String text = json.path("text").asText().strip();
        return new Transcription(text, usage(json.path("usage"), text, request), upstream);
    }

    private static Usage usage(JsonNode usage, String text, TranscriptionRequest request) {
        if ("tokens".equals(usage.path("type").asText()) && usage.path("input_tokens").isNumber()) {
            return new Usage(usage.path("input_tokens").asInt(), 0, usage.path("output_tokens").asInt(), false);
        }
        Duration audio = request.audioDuration();
        if ("duration".equals(usage.path("type").asText()) && usage.path("seconds").isNumber()) {
            audio = Duration.ofMillis(Math.round(usage.path("seconds").asDouble() * 1000));
        }
        long seconds = audio == null ? 0 : Math.ceilDiv(audio.toMillis(), 1000);
        int promptTokens = (int) Math.min(Integer.MAX_VALUE, seconds * ESTIMATED_AUDIO_TOKENS_PER_SECOND);
        return new Usage(promptTokens, 0, OpenAiChatModel.QUARTER_OF_CODE_POINTS.applyAsInt(text), true);
    }

    /** Returns the host that serves transcriptions, for the usage ledger. */
    public String upstream() {
        return upstream;
    }
}
