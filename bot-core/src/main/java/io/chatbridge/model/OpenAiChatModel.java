package io.chatbridge.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.time.Sleeper;
import java.net.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.ToIntFunction;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} that streams from an OpenAI-compatible chat completions endpoint
 * ({@code POST {baseUrl}/chat/completions} with {@code stream: true}), the official API or a relay.
 *
 * <p><b>Retries.</b> A call makes at most {@code 1 + maxRetries} attempts. It retries only
 * failures whose {@link ModelErrorKind#retryable()} is true, and only while no answer text has
 * been passed to {@code onDelta}, so a member never sees text twice. Quota, key, model, request
 * and context-length errors are never retried. Before a retry it waits through the injected
 * {@link Sleeper}: the server's {@code retry-after-ms} or {@code retry-after} when sent, otherwise
 * 0.5 s, 1 s, 2 s and so on, shortened by up to 20% of jitter, each wait capped at 60 s.
 *
 * <p><b>Timeouts.</b> {@code connectTimeout} bounds connecting; {@code idleTimeout} bounds the
 * wait for the response headers and the gap between two chunks; {@code firstTokenTimeout} bounds
 * the time from sending the request to the first answer text, after which the call is cancelled.
 * Each ends the attempt with {@link ModelErrorKind#TIMEOUT}, which is retried when no text was shown.
 *
 * <p><b>Usage.</b> Token counts come from the stream's usage chunk. When a relay sends none, they
 * are estimated with the token estimator and marked {@link Usage#estimated()}.
 *
 * <p><b>Timings.</b> {@link ChatCompletion#timeToFirstToken()} and
 * {@link ChatCompletion#totalTime()} are measured with the injected clock from the start of the
 * first attempt, so they include failed attempts and waits before retries.
 *
 * <p><b>Interrupts.</b> On a virtual thread an interrupt ends the call at once. On a platform
 * thread it takes effect at the next stream event, or when a timeout ends the wait.
 *
 * <p>Thread-safe: one instance serves concurrent calls, each on its calling thread.
 */
public final class OpenAiChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final MediaType JSON_MEDIA_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The default token estimator: one token per four code points, rounded up. */
    public static final ToIntFunction<String> QUARTER_OF_CODE_POINTS =
            text -> (text.codePointCount(0, text.length()) + 3) / 4;

    private final OpenAiSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ToIntFunction<String> tokenEstimator;
    private final Backoff backoff;
    private final HttpUrl endpoint;
    private final String upstream;
    private final ChatRequestJson requestJson = new ChatRequestJson(JSON);
    private final StreamCall.Setup setup;

    /**
     * Creates a client that estimates missing usage with {@link #QUARTER_OF_CODE_POINTS}.
     *
     * @see #OpenAiChatModel(OpenAiSettings, OkHttpClient, Clock, Sleeper, ToIntFunction)
     */
    public OpenAiChatModel(OpenAiSettings settings, OkHttpClient client, Clock clock, Sleeper sleeper) {
        this(settings, client, clock, sleeper, QUARTER_OF_CODE_POINTS);
    }

    /**
     * Creates a client.
     *
     * <p>It shares {@code client}'s connection pool, dispatcher, DNS and interceptors, but takes its
     * connect and read timeouts and its proxy from {@code settings}, so the settings always apply.
     *
     * @param settings the endpoint, key, timeouts, retries and proxy
     * @param client the HTTP client to share, normally from {@link HttpClients#create}
     * @param clock measures timings and evaluates {@code retry-after} dates
     * @param sleeper waits between attempts
     * @param tokenEstimator counts the tokens of a text when the stream carries no usage
     * @throws IllegalArgumentException when the base URL is not an http(s) URL, a timeout is not
     *     positive or {@code maxRetries} is negative
     */
    public OpenAiChatModel(OpenAiSettings settings, OkHttpClient client, Clock clock, Sleeper sleeper,
            ToIntFunction<String> tokenEstimator) {
        this(settings, client, clock, sleeper, tokenEstimator, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Creates a client with a chosen jitter source, for tests that need exact waits. */
    OpenAiChatModel(OpenAiSettings settings, OkHttpClient client, Clock clock, Sleeper sleeper,
            ToIntFunction<String> tokenEstimator, DoubleSupplier jitter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tokenEstimator = Objects.requireNonNull(tokenEstimator, "tokenEstimator");
        this.backoff = new Backoff(jitter);
        validate(settings);

        this.endpoint = Endpoints.chatCompletions(settings.baseUrl(), settings.apiKey());
        this.upstream = endpoint.host();
        OkHttpClient configured = client.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.idleTimeout())
                .writeTimeout(settings.idleTimeout())
                .proxy(settings.proxy() == null ? Proxy.NO_PROXY : settings.proxy().toProxy())
                .build();
        ModelFailures failures = new ModelFailures(Endpoints.hostAndPort(endpoint), settings.proxy(),
                settings.apiKey());
        this.setup = new StreamCall.Setup(configured, clock, JSON, failures, settings.connectTimeout(),
                settings.firstTokenTimeout(), settings.idleTimeout());
    }

    @Override
    public ChatCompletion stream(ChatRequest request, Consumer<String> onDelta)
            throws ModelException, InterruptedException {
        log.debug("Sending chat request: model={}, upstream={}, messages={}",
                request.model(), upstream, request.messages().size());
        Request httpRequest = httpRequest(request);
        Instant start = clock.instant();
        int attempts = 1 + settings.maxRetries();

        for (int attempt = 1; ; attempt++) {
            StreamCall call = new StreamCall(setup, httpRequest, request.model());
            try {
                return completion(request, call.run(onDelta), start);
            } catch (ModelException e) {
                boolean textShown = !call.partialText().isEmpty();
                if (!e.kind().retryable() || textShown || attempt >= attempts) {
                    throw e;
                }
                Duration wait = backoff.delayBefore(attempt, e.retryAfter());
                String status = e.httpStatus() > 0 ? ", HTTP " + e.httpStatus() : "";
                log.warn("Model call to {} failed ({}{}); retrying in {}, attempt {} of {}: {}",
                        upstream, e.kind(), status, Durations.format(wait), attempt + 1, attempts, e.getMessage());
                sleeper.sleep(wait);
            }
        }
    }

    /**
     * Sends one tiny request ({@code ping}, at most 1 output token, no retries) to the configured
     * model and reports whether it streamed an answer.
     *
     * @return success with the model, host and latency, or the failure's kind and message, such as
     *     a rejected key, an unreachable base URL, a refused proxy or an unknown model
     * @throws InterruptedException when the calling thread is interrupted
     */
    public ModelCheck check() throws InterruptedException {
        ChatRequest ping = new ChatRequest(settings.model(), List.of(ChatMessage.text(Role.USER, "ping")),
                settings.temperature(), 1);
        log.debug("Checking model {} at {}", ping.model(), upstream);
        Instant start = clock.instant();
        StreamCall call = new StreamCall(setup, httpRequest(ping), ping.model());
        try {
            call.run(text -> { });
            Duration latency = Duration.between(start, clock.instant());
            String detail = "Model " + ping.model() + " at " + upstream + " answered in "
                    + Durations.format(latency) + ".";
            return new ModelCheck(true, detail, null, latency);
        } catch (ModelException e) {
            Duration latency = Duration.between(start, clock.instant());
            return new ModelCheck(false, Objects.requireNonNullElse(e.getMessage(), e.kind().name()), e.kind(),
                    latency);
        }
    }

    private Request httpRequest(ChatRequest request) {
        Request.Builder builder = new Request.Builder()
                .url(endpoint)
                .header("Accept", "text/event-stream")
                .post(RequestBody.create(requestJson.encode(request), JSON_MEDIA_TYPE));
        // A keyless relay needs no header, and "Bearer " with an empty token is malformed.
        if (!settings.apiKey().isBlank()) {
            builder.header("Authorization", "Bearer " + settings.apiKey());
        }
        return builder.build();
    }

    private ChatCompletion completion(ChatRequest request, StreamAccumulator result, Instant start) {
        Instant end = clock.instant();
        Usage usage = result.usage() != null ? result.usage() : estimateUsage(request, result.text());
        Instant firstText = result.firstTextAt() != null ? result.firstTextAt() : end;
        // A stream can end with [DONE] but no finish_reason. The text is complete, so only the reason is unknown.
        String finishReason = result.finishReason() != null ? result.finishReason() : "unknown";
        return new ChatCompletion(result.text(), usage, finishReason, Duration.between(start, firstText),
                Duration.between(start, end), upstream);
    }

    /** Estimates usage from the message texts and the images' stated token costs. */
    private Usage estimateUsage(ChatRequest request, String answer) {
        int promptTokens = 0;
        for (ChatMessage message : request.messages()) {
            promptTokens += tokenEstimator.applyAsInt(message.textContent());
            for (ContentPart part : message.parts()) {
                if (part instanceof ContentPart.Image image) {
                    promptTokens += image.tokens();
                }
            }
        }
        return new Usage(promptTokens, 0, tokenEstimator.applyAsInt(answer), true);
    }

    private static void validate(OpenAiSettings settings) {
        requirePositive("connectTimeout", settings.connectTimeout());
        requirePositive("firstTokenTimeout", settings.firstTokenTimeout());
        requirePositive("idleTimeout", settings.idleTimeout());
        if (settings.maxRetries() < 0) {
            throw new IllegalArgumentException("OpenAI maxRetries must be 0 or more, was " + settings.maxRetries());
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("OpenAI " + name + " must be positive, was " + value);
        }
    }
}
