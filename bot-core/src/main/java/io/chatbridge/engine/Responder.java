package io.chatbridge.engine;

import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.Prompt;
import io.chatbridge.conversation.PromptBuilder;
import io.chatbridge.conversation.PromptTooLargeException;
import io.chatbridge.conversation.TokenCounter;
import io.chatbridge.conversation.Turn;
import io.chatbridge.conversation.TurnStatus;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.i18n.Messages;
import io.chatbridge.media.MediaInput;
import io.chatbridge.metrics.InboundDecision;
import io.chatbridge.model.ChatCompletion;
import io.chatbridge.model.ChatModel;
import io.chatbridge.model.ChatRequest;
import io.chatbridge.model.ContentPart;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.ModelException;
import io.chatbridge.model.Role;
import io.chatbridge.model.Usage;
import io.chatbridge.reply.ReplyStreamer;
import io.chatbridge.time.TaskScheduler;
import io.chatbridge.usage.Admission;
import io.chatbridge.usage.AdmissionRequest;
import io.chatbridge.usage.CallOutcome;
import io.chatbridge.usage.Gatekeeper;
import io.chatbridge.usage.ModelCall;
import io.chatbridge.usage.UsageRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one question: builds the prompt within the token budget, checks the gatekeeper, streams
 * the model's answer into the chat, then stores both turns and records the call.
 */
final class Responder {

    private static final Logger log = LoggerFactory.getLogger(Responder.class);

    private final EngineContext context;
    private final MediaStep media;
    private final Semaphore upstreamSlots;

    Responder(EngineContext context, MediaStep media) {
        this.context = context;
        this.media = media;
        this.upstreamSlots = new Semaphore(context.maxConcurrentCalls(), true);
    }

    void answer(AnswerJob job) throws InterruptedException {
        String question = limitLength(job);
        MediaInput attached = media.read(job);
        if (attached == null) {
            count(job, InboundDecision.REFUSED_ATTACHMENT);
            return;
        }
        if (question.isBlank() && attached.isEmpty()) {
            count(job, InboundDecision.REFUSED_EMPTY);
            notify(job, MessageKey.EMPTY_MESSAGE);
            return;
        }
        media.showHeard(job, attached);

        Turn userTurn = userTurn(question, attached);
        PromptBuilder prompts = promptsFor(userTurn);
        List<Turn> history = context.cache().history(job.key());
        Prompt prompt;
        try {
            prompt = prompts.build(systemPrompt(job), history, userTurn, context.config().openAi().maxOutputTokens(),
                    prompts.contextTokens());
        } catch (PromptTooLargeException e) {
            int systemTokens = tokens().count(systemPrompt(job));
            if (systemTokens * 2 > e.limit()) {
                // The member cannot fix this; the operator must shorten the prompt or raise the budget.
                log.warn("The system prompt of {} uses {} of the {} prompt tokens; shorten it with /system or raise"
                        + " openai.context_tokens", job.chatRef(), systemTokens, e.limit());
            } else {
                log.info("Question in {} does not fit the prompt budget: {}", job.key(), e.getMessage());
            }
            count(job, InboundDecision.REFUSED_PROMPT_TOO_LARGE);
            notify(job, MessageKey.ERROR_CONTEXT_LENGTH);
            return;
        }

        Admission admission = context.gatekeeper().admit(new AdmissionRequest(job.message(), job.key(), job.admin(),
                model(job), prompt.promptTokens(), prompt.maxOutputTokens(), job.language()));
        switch (admission) {
            case Admission.Refused refused -> {
                log.info("Refused a call in {} for user {}: {}", job.key(), job.message().sender().id(), refused.reason());
                count(job, InboundDecision.refusedWith(refused.reason()));
                notify(job, refused.reason(), refused.arguments().toArray());
            }
            case Admission.Granted granted -> {
                count(job, InboundDecision.ANSWERED);
                try {
                    stream(job, userTurn, history, prompt, prompts, suffix(job) + media.notes(job, attached));
                } finally {
                    granted.release().run();
                }
            }
        }
    }

    private void stream(AnswerJob job, Turn userTurn, List<Turn> history, Prompt prompt, PromptBuilder prompts,
            String notes) throws InterruptedException {
        ReplyStreamer streamer = context.notifier().streamer(job.sink(), job.chatRef());
        TypingIndicator typing = new TypingIndicator(job.sink(), context.scheduler());
        Instant startedAt = clock().instant();
        typing.start();
        upstreamSlots.acquire();
        ChatCompletion completion;
        try {
            completion = callWithContextRetry(job, userTurn, history, prompt, prompts, streamer, typing);
        } catch (ModelException e) {
            release(typing);
            fail(job, userTurn, prompt, startedAt, streamer, e);
            return;
        } catch (RuntimeException | InterruptedException e) {
            release(typing);
            throw e;
        }
        release(typing);

        record(job, startedAt, completion.upstream(), completion.usage(), completion.timeToFirstToken(),
                CallOutcome.ANSWERED, null);
        if (completion.text().isBlank()) {
            // The streamer sends nothing for a blank answer, which would leave the member in silence.
            log.warn("The model answered message {} in {} with no text (finish reason {}); telling the member",
                    job.message().messageId(), job.key(), completion.finishReason());
            notify(job, MessageKey.ANSWER_EMPTY);
            return;
        }
        Turn answer = turn(Role.ASSISTANT, completion.text(), TurnStatus.COMPLETE);
        context.cache().append(job.key(), List.of(userTurn, answer));
        deliver(job, streamer, notes);
    }

    // Frees the upstream slot before anything is sent to the chat, and stops the typing
    // indicator first so that it never arrives after the answer or the error.
    private void release(TypingIndicator typing) {
        upstreamSlots.release();
        typing.stop();
    }

    private ChatCompletion callWithContextRetry(AnswerJob job, Turn userTurn, List<Turn> history, Prompt prompt,
            PromptBuilder prompts, ReplyStreamer streamer, TypingIndicator typing)
            throws ModelException, InterruptedException {
        try {
            return call(job, prompt, streamer, typing);
        } catch (ModelException e) {
            // Our count can differ from the endpoint's (relays add hidden prompts), so one try with
            // half the history can still fit.
            int keptTurns = history.size() - prompt.droppedTurns();
            if (e.kind() != ModelErrorKind.CONTEXT_LENGTH_EXCEEDED || streamer.started() || keptTurns == 0) {
                throw e;
            }
            // Keep whole question-and-answer pairs, so the history never starts with an answer.
            int keep = keptTurns / 2 / 2 * 2;
            List<Turn> shorter = history.subList(history.size() - keep, history.size());
            log.warn("Context length exceeded in {} with {} history turns; retrying once with {}",
                    job.key(), keptTurns, shorter.size());
            try {
                Prompt trimmed = prompts.build(systemPrompt(job), shorter, userTurn,
                        context.config().openAi().maxOutputTokens(), prompts.contextTokens());
                return call(job, trimmed, streamer, typing);
            } catch (PromptTooLargeException tooLarge) {
                throw e;
            }
        }
    }

    private ChatCompletion call(AnswerJob job, Prompt prompt, ReplyStreamer streamer, TypingIndicator typing)
            throws ModelException, InterruptedException {
        // Resolved chat settings have every field set; the configuration supplies the default.
        double temperature = Objects.requireNonNull(job.settings().temperature(), "temperature");
        ChatRequest request = new ChatRequest(model(job), prompt.messages(), temperature, prompt.maxOutputTokens());
        return context.model().stream(request, delta -> {
            typing.stop();
            appendOrStop(streamer, delta);
        });
    }

    private static void appendOrStop(ReplyStreamer streamer, String delta) {
        try {
            streamer.append(delta);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while streaming an answer", e);
        }
    }

    private void fail(AnswerJob job, Turn userTurn, Prompt prompt, Instant startedAt, ReplyStreamer streamer,
            ModelException e)
            throws InterruptedException {
        String partial = streamer.text();
        if (!partial.isEmpty()) {
            log.warn("Answer in {} interrupted after {} chars: {} {}", job.key(), partial.length(), e.kind(), e.getMessage());
            // The endpoint bills the whole prompt and the text it sent, though the stream broke.
            Usage estimate = new Usage(prompt.promptTokens(), 0, tokens().count(partial), true);
            record(job, startedAt, upstream(), estimate, null, CallOutcome.INTERRUPTED, e.kind());
            Turn answer = turn(Role.ASSISTANT, partial, TurnStatus.INTERRUPTED);
            context.cache().append(job.key(), List.of(userTurn, answer));
            String notice = "\n\n" + context.messages().format(job.language(), MessageKey.ANSWER_INTERRUPTED);
            deliver(job, streamer, notice);
            return;
        }

        log.error("Model call failed in {} for message {}: {} (HTTP {}) {}", job.key(), job.message().messageId(),
                e.kind(), e.httpStatus(), e.getMessage());
        record(job, startedAt, upstream(), new Usage(0, 0, 0, true), null, CallOutcome.FAILED, e.kind());
        notifyFailure(job, e);
    }

    private void notifyFailure(AnswerJob job, ModelException e) throws InterruptedException {
        switch (e.kind()) {
            case RATE_LIMITED -> notify(job, MessageKey.ERROR_RATE_LIMITED, retrySeconds(e.retryAfter()));
            case QUOTA_EXHAUSTED -> notify(job, MessageKey.ERROR_QUOTA);
            case INVALID_KEY -> notify(job, MessageKey.ERROR_INVALID_KEY);
            case MODEL_NOT_FOUND -> notify(job, MessageKey.ERROR_MODEL_NOT_FOUND, model(job));
            case CONTEXT_LENGTH_EXCEEDED -> notify(job, MessageKey.ERROR_CONTEXT_LENGTH);
            case BAD_REQUEST -> notify(job, MessageKey.ERROR_BAD_REQUEST);
            case TIMEOUT -> notify(job, MessageKey.ERROR_TIMEOUT);
            case UPSTREAM_UNAVAILABLE, NETWORK, STREAM_BROKEN -> notify(job, MessageKey.ERROR_UPSTREAM);
        }
    }

    private static long retrySeconds(@Nullable Duration retryAfter) {
        if (retryAfter == null) {
            return 20;
        }
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private void deliver(AnswerJob job, ReplyStreamer streamer, String suffix) throws InterruptedException {
        try {
            streamer.finish(suffix);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.error("Could not deliver the answer in {} to message {}: {}", job.key(), job.message().messageId(),
                    e.toString());
            context.metrics().deliveryFailed(job.message().platform());
        }
    }

    private void record(AnswerJob job, Instant startedAt, String upstream, Usage usage,
            @Nullable Duration timeToFirstToken, CallOutcome outcome, @Nullable ModelErrorKind error) {
        Duration total = Duration.between(startedAt, clock().instant());
        ModelCall call = new ModelCall(startedAt, job.key(), job.message().sender().id(), model(job), upstream, usage,
                timeToFirstToken, total, outcome, error);
        try {
            context.usage().record(call);
        } catch (RuntimeException e) {
            log.error("Could not record usage for {}: {}", job.key(), e.toString());
        }
    }

    private void count(AnswerJob job, InboundDecision decision) {
        context.metrics().inbound(job.message().platform(), decision);
    }

    /** Returns how many model calls hold an upstream slot now. */
    int callsInFlight() {
        return context.maxConcurrentCalls() - upstreamSlots.availablePermits();
    }

    /** Returns about how many answers wait for an upstream slot; {@link Semaphore#getQueueLength} is an estimate. */
    int callsWaiting() {
        return upstreamSlots.getQueueLength();
    }

    // The cache weighs conversations by these counts, so they include the per-message overhead.
    private Turn turn(Role role, String text, TurnStatus status) {
        return turn(role, text, List.of(), status);
    }

    private Turn turn(Role role, String text, List<ContentPart.Image> images, TurnStatus status) {
        Turn draft = new Turn(role, text, images, 0, clock().instant(), status);
        return new Turn(role, text, images, tokens().count(draft.toMessage()), draft.createdAt(), status);
    }

    /** Returns the member's turn: the question, then the text the attachments added, then their images. */
    private Turn userTurn(String question, MediaInput attached) {
        String text;
        if (attached.text().isEmpty()) {
            text = question;
        } else if (question.isBlank()) {
            text = attached.text();
        } else {
            text = question + "\n\n" + attached.text();
        }
        return turn(Role.USER, text, attached.images(), TurnStatus.COMPLETE);
    }

    /**
     * Returns the prompt builder for a turn. The images of the new turn come on top of the prompt
     * budget, up to the context window. At gpt-4o-mini's rates one photo costs 2,833 to 48,169
     * tokens, more than the default budget of 8,000, and a member who sends one expects it to be
     * seen. History keeps the configured budget, so older images are dropped first as usual.
     */
    private PromptBuilder promptsFor(Turn userTurn) {
        int imageTokens = 0;
        for (ContentPart.Image image : userTurn.images()) {
            imageTokens += image.tokens();
        }
        if (imageTokens == 0) {
            return prompts();
        }
        int window = context.config().openAi().contextWindow();
        long budget = Math.min((long) prompts().contextTokens() + imageTokens, window - 1L);
        return new PromptBuilder(tokens(), (int) budget, window);
    }

    // The configured endpoint's host; a failover between several upstreams may have used another.
    private String upstream() {
        String host = java.net.URI.create(context.config().openAi().baseUrl()).getHost();
        return host == null ? "" : host;
    }

    private String limitLength(AnswerJob job) {
        int max = context.config().conversation().maxInputChars();
        String question = job.question();
        if (question.length() <= max) {
            return question;
        }
        int cut = Character.isHighSurrogate(question.charAt(max - 1)) ? max - 1 : max;
        return question.substring(0, cut);
    }

    private String suffix(AnswerJob job) {
        int max = context.config().conversation().maxInputChars();
        int length = job.question().length();
        if (length <= max) {
            return "";
        }
        return "\n\n" + context.messages().format(job.language(), MessageKey.INPUT_TRUNCATED, max, length);
    }

    private void notify(AnswerJob job, MessageKey key, Object... arguments) throws InterruptedException {
        String text = context.messages().format(job.language(), key, arguments);
        context.notifier().send(job.sink(), job.chatRef(), text);
    }

    private String systemPrompt(AnswerJob job) {
        return Objects.requireNonNullElse(job.settings().systemPrompt(), "");
    }

    private String model(AnswerJob job) {
        return Objects.requireNonNullElse(job.settings().model(), context.config().openAi().model());
    }

    private TokenCounter tokens() {
        return context.tokens();
    }

    private PromptBuilder prompts() {
        return context.prompts();
    }

    private Clock clock() {
        return context.clock();
    }
}
