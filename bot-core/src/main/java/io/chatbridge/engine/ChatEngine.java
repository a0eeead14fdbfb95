package io.chatbridge.engine;

import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ChatSettings;
import io.chatbridge.config.OpenAiSettings;
import io.chatbridge.conversation.ChatSettingsStore;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.conversation.PromptBuilder;
import io.chatbridge.conversation.TokenCounter;
import io.chatbridge.i18n.Language;
import io.chatbridge.i18n.Messages;
import io.chatbridge.media.Ffmpeg;
import io.chatbridge.media.MediaDownloader;
import io.chatbridge.media.MediaReader;
import io.chatbridge.media.MediaSettings;
import io.chatbridge.metrics.BotMetrics;
import io.chatbridge.metrics.EngineLoad;
import io.chatbridge.metrics.InboundDecision;
import io.chatbridge.model.ChatModel;
import io.chatbridge.model.HttpClients;
import io.chatbridge.model.Transcriber;
import io.chatbridge.model.TranscriptionClient;
import io.chatbridge.reply.EditPacer;
import io.chatbridge.reply.ReplySink;
import io.chatbridge.time.Sleeper;
import io.chatbridge.time.TaskScheduler;
import io.chatbridge.usage.BudgetCommand;
import io.chatbridge.usage.Gatekeeper;
import io.chatbridge.usage.UsageRecorder;
import io.chatbridge.usage.UsageReporter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform-neutral conversation engine. Adapters hand it every inbound message together with
 * the sink that answers go to; it decides whether and how to answer.
 *
 * <p>The order of decisions: messages from bots are dropped, then access lists, then commands,
 * then the trigger policy for everything else. Answers run one at a time per conversation, in
 * arrival order, on virtual threads; different conversations run in parallel.
 *
 * <p>When the builder is given {@link BotMetrics}, each decision is counted there as an
 * {@link InboundDecision}.
 *
 * <p>Thread-safe. {@link #accept} returns at once.
 */
public final class ChatEngine implements MessageHandler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatEngine.class);

    /** How long {@link #close()} waits for answers in progress; within systemd's default 30 s stop timeout. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(20);

    private final EngineContext context;
    private final ChatSettingsResolver settings;
    private final KeyedSerialExecutor<ConversationKey> turns;
    private final ExecutorService executor;
    private final MessageMerger merger;
    private final Responder responder;
    private final CommandHandler commands;

    private ChatEngine(Builder builder) {
        BotConfig config = Objects.requireNonNull(builder.config, "config");
        Clock clock = builder.clock;
        TokenCounter tokens = new TokenCounter();
        Notifier notifier = new Notifier(new EditPacer(clock), clock, builder.sleeper);
        this.context = new EngineContext(
                config,
                Objects.requireNonNull(builder.model, "model"),
                Objects.requireNonNull(builder.cache, "cache"),
                new PromptBuilder(tokens, config.openAi().contextTokens(), config.openAi().contextWindow()),
                tokens,
                builder.messages != null ? builder.messages : new Messages(),
                builder.gatekeeper,
                builder.usage,
                notifier,
                clock,
                Objects.requireNonNull(builder.scheduler, "scheduler"),
                builder.maxConcurrentCalls,
                builder.metrics != null ? builder.metrics : BotMetrics.disabled());
        this.settings = new ChatSettingsResolver(config, Objects.requireNonNull(builder.settingsStore, "settingsStore"));
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("chatbridge-turn-", 0).factory());
        this.turns = new KeyedSerialExecutor<>(executor);
        this.responder = new Responder(context, new MediaStep(context, mediaReader(builder, config, clock, tokens)));
        this.commands = new CommandHandler(context, settings, builder.usageReporter, builder.budgetCommand);
        this.merger = new MessageMerger(context.scheduler(), config.conversation().mergeWindow(), this::enqueue);
        context.metrics().bindEngine(new Load(turns, responder));
        context.metrics().bindCache(context.cache());
    }

    /** Returns a builder; config, model, cache, settings store and scheduler are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Takes a message whose attachments cannot be downloaded; see {@link #accept(InboundMessage, ReplySink, MediaDownloader)}. */
    @Override
    public CompletableFuture<Void> accept(InboundMessage message, ReplySink sink) {
        return accept(message, sink, MediaDownloader.NONE);
    }

    @Override
    public CompletableFuture<Void> accept(InboundMessage message, ReplySink sink, MediaDownloader media) {
        try {
            return route(message, sink, media);
        } catch (RuntimeException e) {
            log.error("Could not handle message {} in {}:{}", message.messageId(), message.platform().id(),
                    message.chatId(), e);
            context.metrics().engineError(message.platform());
            return CompletableFuture.completedFuture(null);
        }
    }

    private CompletableFuture<Void> route(InboundMessage message, ReplySink sink, MediaDownloader media) {
        if (message.sender().bot()) {
            log.debug("Ignoring message {} from bot {}", message.messageId(), message.sender().id());
            return done(message, InboundDecision.IGNORED_FROM_BOT);
        }
        boolean admin = context.config().isAdmin(message.platform(), message.sender().id());
        if (!context.gatekeeper().allows(message, admin)) {
            log.debug("Ignoring message {} from user {} in chat {}: not allowed", message.messageId(),
                    message.sender().id(), message.chatId());
            return done(message, InboundDecision.IGNORED_NOT_ALLOWED);
        }
        CompletableFuture<Void> continued = merger.continueBatch(message);
        if (continued != null) {
            context.metrics().inbound(message.platform(), InboundDecision.MERGED);
            return continued;
        }

        ChatSettings chat = settings.resolve(message.platform(), message.chatId());
        Language language = language(message, chat);
        ConversationKey key = ConversationKey.of(message, Objects.requireNonNull(chat.scope()));

        Optional<ParsedCommand> command = ParsedCommand.parse(message.text());
        if (command.isPresent()) {
            return commands.handle(command.get(), key, message, chat, language, admin, sink, turns);
        }

        Optional<String> question = TriggerPolicy.question(message, Objects.requireNonNullElse(chat.triggerPrefix(), ""),
                context.config().answersEverything(message.platform(), message.chatId()));
        if (question.isEmpty()) {
            log.debug("Message {} in chat {} does not address the bot", message.messageId(), message.chatId());
            return done(message, InboundDecision.IGNORED_NOT_ADDRESSED);
        }
        return merger.offer(message, question.get(), sink, media);
    }

    private CompletableFuture<Void> enqueue(MessageMerger.Batch batch) {
        InboundMessage message = batch.first();
        ChatSettings chat = settings.resolve(message.platform(), message.chatId());
        ConversationKey key = ConversationKey.of(message, Objects.requireNonNull(chat.scope()));
        boolean admin = context.config().isAdmin(message.platform(), message.sender().id());
        AnswerJob job = new AnswerJob(key, message, batch.question(), chat, language(message, chat), admin, batch.sink(),
                batch.media());
        return turns.submit(key, () -> answerLogged(job)).exceptionally(error -> null);
    }

    private void answerLogged(AnswerJob job) {
        try {
            responder.answer(job);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("Answer in {} to message {} stopped by shutdown", job.key(), job.message().messageId());
        } catch (RuntimeException e) {
            log.error("Answer in {} to message {} failed", job.key(), job.message().messageId(), e);
            context.metrics().engineError(job.message().platform());
            commands.notifyInternalError(job.key(), job.message(), job.language(), job.sink());
        }
    }

    private static MediaReader mediaReader(Builder builder, BotConfig config, Clock clock, TokenCounter tokens) {
        MediaSettings media = builder.media != null ? builder.media : config.media();
        Transcriber transcriber = builder.transcriber;
        if (transcriber == null) {
            OpenAiSettings openAi = config.openAi();
            transcriber = new TranscriptionClient(openAi,
                    HttpClients.create(openAi.connectTimeout(), openAi.firstTokenTimeout(), openAi.proxy()), clock);
        }
        Ffmpeg ffmpeg = builder.ffmpeg != null ? builder.ffmpeg : Ffmpeg.locate(media);
        return new MediaReader(media, transcriber, ffmpeg, tokens, clock);
    }

    /**
     * Picks the language of bot messages: the member's own, then a language configured or set for
     * this chat, then the chat's locale, then the configured default. Discord reports en-US for
     * every server that never chose a locale, so an English chat locale does not override the
     * configured default.
     */
    private Language language(InboundMessage message, ChatSettings chat) {
        Language member = Language.fromTag(message.sender().languageCode());
        if (member != null) {
            return member;
        }
        Language chosen = settings.explicitLanguage(message.platform(), message.chatId());
        if (chosen != null) {
            return chosen;
        }
        Language chatLocale = Language.fromTag(message.chatLocale());
        if (chatLocale != null && chatLocale != Language.EN) {
            return chatLocale;
        }
        return Objects.requireNonNullElse(chat.language(), Language.EN);
    }

    private CompletableFuture<Void> done(InboundMessage message, InboundDecision decision) {
        context.metrics().inbound(message.platform(), decision);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Stops taking work, lets answers in progress finish for up to {@link #DRAIN_TIMEOUT}, then
     * interrupts the rest. Close the adapters first, so no new message arrives meanwhile.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("Answers still running after {}; interrupting them", DRAIN_TIMEOUT);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The gauges' view of the turn queue and the upstream slots. */
    private record Load(KeyedSerialExecutor<ConversationKey> turns, Responder responder) implements EngineLoad {

        @Override
        public int activeConversations() {
            return turns.activeKeys();
        }

        @Override
        public int pendingTurns() {
            return turns.pendingTasks();
        }

        @Override
        public int modelCallsInFlight() {
            return responder.callsInFlight();
        }

        @Override
        public int modelCallsWaiting() {
            return responder.callsWaiting();
        }
    }

    /** Collects the engine's collaborators. */
    public static final class Builder {
        private @Nullable BotConfig config;
        private @Nullable ChatModel model;
        private @Nullable ConversationCache cache;
        private @Nullable ChatSettingsStore settingsStore;
        private @Nullable Messages messages;
        private @Nullable TaskScheduler scheduler;
        private Gatekeeper gatekeeper = Gatekeeper.OPEN;
        private UsageRecorder usage = UsageRecorder.NONE;
        private UsageReporter usageReporter = UsageReporter.NONE;
        private BudgetCommand budgetCommand = BudgetCommand.NONE;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private int maxConcurrentCalls = 64;
        private @Nullable MediaSettings media;
        private @Nullable Transcriber transcriber;
        private @Nullable Ffmpeg ffmpeg;
        private @Nullable BotMetrics metrics;

        private Builder() {}

        /**
         * Sets the meters for the engine's decisions, queues and conversation cache; default:
         * {@link BotMetrics#disabled()}. Model calls reach the metrics through the usage recorder,
         * so pass {@link BotMetrics#recording} to {@link #usageRecorder} as well.
         */
        public Builder metrics(BotMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /** Sets how attachments are downloaded and read; default: the configuration's {@code media:} section. */
        public Builder media(MediaSettings media) {
            this.media = media;
            return this;
        }

        /**
         * Sets the speech-to-text endpoint; default: a {@link TranscriptionClient} with the model
         * endpoint's base URL, key and proxy.
         */
        public Builder transcriber(Transcriber transcriber) {
            this.transcriber = transcriber;
            return this;
        }

        /** Sets the video decoder; default: ffmpeg found by {@link Ffmpeg#locate}. */
        public Builder ffmpeg(Ffmpeg ffmpeg) {
            this.ffmpeg = ffmpeg;
            return this;
        }

        public Builder config(BotConfig config) {
            this.config = config;
            return this;
        }

        public Builder model(ChatModel model) {
            this.model = model;
            return this;
        }

        public Builder cache(ConversationCache cache) {
            this.cache = cache;
            return this;
        }

        public Builder settingsStore(ChatSettingsStore settingsStore) {
            this.settingsStore = settingsStore;
            return this;
        }

        /** Sets the bot messages; default: the bundled English and Chinese texts. */
        public Builder messages(Messages messages) {
            this.messages = messages;
            return this;
        }

        public Builder scheduler(TaskScheduler scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /** Sets access lists, rate limits and budgets; default: everything allowed. */
        public Builder gatekeeper(Gatekeeper gatekeeper) {
            this.gatekeeper = gatekeeper;
            return this;
        }

        /** Sets where model calls are recorded; default: nowhere. */
        public Builder usageRecorder(UsageRecorder usage) {
            this.usage = usage;
            return this;
        }

        /** Sets the writer of {@code /usage} answers; default: none, the command is unknown. */
        public Builder usageReporter(UsageReporter usageReporter) {
            this.usageReporter = usageReporter;
            return this;
        }

        /** Sets the handler of {@code /budget}; default: none, the command is unknown. */
        public Builder budgetCommand(BudgetCommand budgetCommand) {
            this.budgetCommand = budgetCommand;
            return this;
        }

        /** Sets the clock for pacing and timestamps; default: the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Sets how the engine waits out pacing and flood control; default: really sleeping. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Sets the most model calls in flight at once across all chats; default 64. */
        public Builder maxConcurrentCalls(int maxConcurrentCalls) {
            if (maxConcurrentCalls < 1) {
                throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was " + maxConcurrentCalls);
            }
            this.maxConcurrentCalls = maxConcurrentCalls;
            return this;
        }

        public ChatEngine build() {
            return new ChatEngine(this);
        }
    }
}
