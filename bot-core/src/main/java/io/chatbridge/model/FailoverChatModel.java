package io.chatbridge.model;

import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.config.UpstreamSettings;
import io.chatbridge.time.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChatModel} over several OpenAI-compatible upstreams, tried in priority order, each with
 * its own circuit breaker.
 *
 * <p><b>Failover.</b> Each upstream's client first makes its own retries. When the call still fails
 * with a network error, a timeout, a 5xx or HTML error page, a rate limit, or an unreadable stream,
 * and no answer text has reached {@code onDelta}, the call moves to the next upstream. Once text has
 * been shown it never moves, because the member would see the answer start twice. Quota, key and
 * unknown-model errors move only from an upstream configured with that account error in
 * {@link Upstream#alsoFailOverOn()}, for upstreams that use different accounts; otherwise they are
 * logged at WARN with the upstream's name and thrown. Rejected requests (bad request, context too
 * long) are thrown at once, since every upstream would reject them.
 *
 * <p><b>Circuit breakers.</b> Network errors, timeouts, 5xx, rate limits, broken streams, and the
 * account errors an upstream fails over on are counted against the upstream (see
 * {@link BreakerSettings}). An open breaker makes calls skip its upstream until a probe is due.
 * When every breaker is open, the call fails at once with {@link ModelErrorKind#UPSTREAM_UNAVAILABLE}
 * and a {@link ModelException#retryAfter()} of the time until the first probe.
 *
 * <p>Thread-safe: one instance serves concurrent calls.
 */
public final class FailoverChatModel implements ChatModel {

    private static final Logger log = LoggerFactory.getLogger(FailoverChatModel.class);

    /**
     * One upstream.
     *
     * @param name the configured name, used in logs and {@code check} output
     * @param client the client for its base URL and key
     * @param model the model name sent instead of the request's, or null to send the request's
     * @param alsoFailOverOn account errors ({@link ModelErrorKind#QUOTA_EXHAUSTED},
     *     {@link ModelErrorKind#INVALID_KEY}, {@link ModelErrorKind#MODEL_NOT_FOUND}) that move the
     *     call to the next upstream
     */
    public record Upstream(String name, OpenAiChatModel client, @Nullable String model,
            Set<ModelErrorKind> alsoFailOverOn) {

        public Upstream {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(client, "client");
            alsoFailOverOn = Set.copyOf(alsoFailOverOn);
            for (ModelErrorKind kind : alsoFailOverOn) {
                if (!FailoverRules.ACCOUNT_ERRORS.contains(kind)) {
                    throw new IllegalArgumentException("alsoFailOverOn takes only account errors "
                            + FailoverRules.ACCOUNT_ERRORS + ", was " + kind);
                }
            }
        }
    }

    private record Entry(Upstream upstream, UpstreamBreaker breaker) {}

    private final List<Entry> entries;
    private final Clock clock;

    /**
     * Creates a model over upstreams in the order given, which is the order they are tried in.
     *
     * @throws IllegalArgumentException when the list is empty or two upstreams share a name
     */
    public FailoverChatModel(List<Upstream> upstreams, BreakerSettings breakers, Clock clock) {
        Objects.requireNonNull(breakers, "breakers");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("FailoverChatModel needs at least one upstream");
        }
        var names = new HashSet<String>();
        var built = new ArrayList<Entry>();
        for (Upstream upstream : upstreams) {
            if (!names.add(upstream.name())) {
                throw new IllegalArgumentException("two upstreams are named '" + upstream.name() + "'; names must be unique");
            }
            built.add(new Entry(upstream, new UpstreamBreaker(upstream.name(), breakers, clock)));
        }
        this.entries = List.copyOf(built);
    }

    /**
     * Builds the clients of configured upstreams, each with the base URL, key, model and retries of
     * its settings and everything else from {@code base}, and default breakers.
     *
     * @param base the {@code openai.*} settings: timeouts, proxy, temperature and the default model
     * @param upstreams the upstreams, highest priority first, such as from
     *     {@link io.chatbridge.config.UpstreamsBinder#load}
     * @param http the shared HTTP client
     * @param clock measures timings and drives the breakers
     * @param sleeper waits between retries on one upstream
     */
    public static FailoverChatModel create(OpenAiSettings base, List<UpstreamSettings> upstreams, OkHttpClient http,
            Clock clock, Sleeper sleeper) {
        return create(base, upstreams, http, clock, sleeper, OpenAiChatModel.QUARTER_OF_CODE_POINTS);
    }

    /**
     * Like {@link #create(OpenAiSettings, List, OkHttpClient, Clock, Sleeper)}, with the token
     * counter each upstream uses to estimate usage when a relay sends none.
     */
    public static FailoverChatModel create(OpenAiSettings base, List<UpstreamSettings> upstreams, OkHttpClient http,
            Clock clock, Sleeper sleeper, java.util.function.ToIntFunction<String> tokenEstimator) {
        var built = new ArrayList<Upstream>();
        for (UpstreamSettings settings : upstreams) {
            OpenAiChatModel client = new OpenAiChatModel(settings.applyTo(base), http, clock, sleeper, tokenEstimator);
            built.add(new Upstream(settings.name(), client, settings.model(), accountErrors(settings)));
        }
        return new FailoverChatModel(built, BreakerSettings.DEFAULTS, clock);
    }

    @Override
    public ChatCompletion stream(ChatRequest request, Consumer<String> onDelta)
            throws ModelException, InterruptedException {
        AtomicBoolean anyTextShown = new AtomicBoolean();
        Consumer<String> tracking = delta -> {
            anyTextShown.set(true);
            onDelta.accept(delta);
        };
        List<String> outcomes = new ArrayList<>();
        ModelException last = null;

        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            String name = entry.upstream().name();
            if (!entry.breaker().tryAcquire()) {
                log.debug("Skipping upstream {}: its circuit is open", name);
                outcomes.add(name + ": skipped, circuit open");
                continue;
            }
            try {
                return call(entry, request, tracking);
            } catch (ModelException e) {
                last = e;
                outcomes.add(name + ": " + e.getMessage());
                if (!movesOn(entry.upstream(), e, anyTextShown.get(), nextName(i))) {
                    throw entries.size() == 1 ? e : summary(e, outcomes);
                }
            }
        }
        if (last == null) {
            throw allOpen();
        }
        throw entries.size() == 1 ? last : summary(last, outcomes);
    }

    /** Calls one upstream and reports the outcome to its breaker. */
    private ChatCompletion call(Entry entry, ChatRequest request, Consumer<String> onDelta)
            throws ModelException, InterruptedException {
        Upstream upstream = entry.upstream();
        ChatRequest sent = upstream.model() == null ? request
                : new ChatRequest(upstream.model(), request.messages(), request.temperature(), request.maxOutputTokens());
        Instant start = clock.instant();
        boolean reported = false;
        try {
            ChatCompletion completion = upstream.client().stream(sent, onDelta);
            entry.breaker().succeeded(Duration.between(start, clock.instant()));
            reported = true;
            return completion;
        } catch (ModelException e) {
            if (FailoverRules.blamesUpstream(e.kind(), upstream.alsoFailOverOn())) {
                entry.breaker().failed(Duration.between(start, clock.instant()), e);
            } else {
                entry.breaker().ignored();
            }
            reported = true;
            throw e;
        } finally {
            // An interrupt or a bug in onDelta reveals nothing about the upstream, but the permission must return.
            if (!reported) {
                entry.breaker().ignored();
            }
        }
    }

    /** Logs the failure and returns whether the call moves to the next upstream. */
    private static boolean movesOn(Upstream upstream, ModelException e, boolean textShown, @Nullable String next) {
        String status = e.httpStatus() > 0 ? ", HTTP " + e.httpStatus() : "";
        if (textShown) {
            log.warn("Upstream {} failed after part of the answer was shown ({}{}): {}. Not failing over, because"
                    + " the member would see the answer start again", upstream.name(), e.kind(), status, e.getMessage());
            return false;
        }
        if (FailoverRules.blamesUpstream(e.kind(), upstream.alsoFailOverOn())) {
            if (next != null) {
                log.warn("Upstream {} failed ({}{}): {}. Trying upstream {}", upstream.name(), e.kind(), status,
                        e.getMessage(), next);
            } else {
                log.warn("Upstream {} failed ({}{}): {}. No upstream is left to try", upstream.name(), e.kind(), status,
                        e.getMessage());
            }
            return true;
        }
        log.warn("Upstream {} rejected the call ({}{}): {}. Not failing over: {}", upstream.name(), e.kind(), status,
                e.getMessage(), FailoverRules.whyNot(e.kind()));
        return false;
    }

    private @Nullable String nextName(int index) {
        return index + 1 < entries.size() ? entries.get(index + 1).upstream().name() : null;
    }

    /** Returns the last failure with a message that lists what happened on each upstream. */
    private static ModelException summary(ModelException last, List<String> outcomes) {
        String message = "No upstream answered. " + String.join(" | ", outcomes);
        return new ModelException(last.kind(), message, last.httpStatus(), last.errorType(), last.errorCode(),
                last.retryAfter(), last.partialText(), last);
    }

    private ModelException allOpen() {
        Duration soonest = entries.stream()
                .map(entry -> entry.breaker().untilProbe())
                .min(Duration::compareTo)
                .orElse(Duration.ZERO);
        String names = String.join(", ", entries.stream().map(entry -> entry.upstream().name()).toList());
        String message = "No upstream was called: the circuit breakers of " + names + " are open after repeated"
                + " failures; the next probe is due in " + Durations.format(soonest) + ". See the earlier warnings"
                + " for each upstream's failures.";
        log.warn(message);
        return new ModelException(ModelErrorKind.UPSTREAM_UNAVAILABLE, message, 0, null, null, soonest, "", null);
    }

    /**
     * Checks every upstream with one tiny request each (see {@link OpenAiChatModel#check()}), in
     * priority order. The checks bypass the circuit breakers and are not counted by them.
     *
     * @return one result per upstream, in priority order
     * @throws InterruptedException when the calling thread is interrupted
     */
    public List<UpstreamCheck> checkAll() throws InterruptedException {
        var checks = new ArrayList<UpstreamCheck>();
        for (Entry entry : entries) {
            checks.add(new UpstreamCheck(entry.upstream().name(), entry.upstream().client().check(),
                    entry.breaker().state()));
        }
        return List.copyOf(checks);
    }

    /**
     * Returns the circuit state of one upstream.
     *
     * @throws IllegalArgumentException when no upstream has that name
     */
    public CircuitState circuit(String name) {
        for (Entry entry : entries) {
            if (entry.upstream().name().equals(name)) {
                return entry.breaker().state();
            }
        }
        throw new IllegalArgumentException("no upstream is named '" + name + "'");
    }

    /** Returns the upstream names in the order they are tried. */
    public List<String> upstreamNames() {
        return entries.stream().map(entry -> entry.upstream().name()).toList();
    }

    private static Set<ModelErrorKind> accountErrors(UpstreamSettings settings) {
        var kinds = EnumSet.noneOf(ModelErrorKind.class);
        for (UpstreamSettings.AccountError error : settings.failoverOn()) {
            kinds.add(switch (error) {
                case QUOTA -> ModelErrorKind.QUOTA_EXHAUSTED;
                case AUTH -> ModelErrorKind.INVALID_KEY;
                case MODEL_NOT_FOUND -> ModelErrorKind.MODEL_NOT_FOUND;
            });
        }
        return kinds;
    }
}
