package io.chatbridge.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.config.TelegramSettings;
import io.chatbridge.config.TelegramWebhookSettings;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.MessageHandler;
import io.chatbridge.model.HttpClients;
import io.chatbridge.reply.ReplyFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Runs the Telegram bot: receives updates by long polling through TelegramBots against the
 * configured Bot API URL, or by webhook when {@link TelegramWebhookSettings} are given, translates
 * each one and hands it to the engine with a sink that answers in the same chat.
 *
 * <p><b>Faults.</b> When {@code getUpdates} fails (network drop, 5xx, an unreadable response),
 * TelegramBots waits as {@link PollingBackOff} says and tries again with the same offset, so no
 * update is skipped. One update that TelegramBots cannot read is replaced before the library sees
 * it ({@link UpdateBatchGuard}), so it cannot block the updates after it, and is logged once with
 * its id. Handing an update to the handler never throws into the polling thread.
 *
 * <p>Lifecycle: {@link #start()} checks the token with {@code getMe}, then starts polling, or
 * serves the webhook endpoint and registers it with {@code setWebhook}; {@link #close()} stops
 * either. Not restartable. The webhook stays registered with Telegram after {@code close()}, so
 * updates wait there for the next start; starting in polling mode removes it.
 */
public final class TelegramAdapter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramAdapter.class);

    // getUpdates holds the connection for up to 50 s; reads must wait longer than that.
    private static final Duration POLL_READ_TIMEOUT = Duration.ofSeconds(75);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final List<String> UPDATE_KINDS = List.of("message");
    private static final int MAX_CALLS_IN_FLIGHT = 64;

    private final TelegramSettings settings;
    private final @Nullable TelegramWebhookSettings webhook;
    private final MessageHandler handler;
    private final Supplier<BackOff> backOff;
    private final ReplyFormat format = new TelegramHtmlFormat();
    private final OkHttpClient http;
    private final TelegramUrl url;
    private final TelegramClient client;
    private final TelegramMediaDownloader downloader;
    private final UpdateBatchGuard guard = new UpdateBatchGuard();
    // Written by start() on the caller's thread, read by the polling thread and the shutdown hook.
    private volatile @Nullable TelegramBotsLongPollingApplication polling;
    private volatile @Nullable TelegramWebhookServer webhookServer;
    private volatile @Nullable TelegramUpdateMapper mapper;

    /**
     * Creates an adapter that receives updates by long polling; nothing is contacted until
     * {@link #start()}.
     *
     * @throws IllegalArgumentException when the API URL is not usable
     */
    public TelegramAdapter(TelegramSettings settings, MessageHandler handler) {
        this(settings, null, handler);
    }

    /**
     * Creates an adapter; nothing is contacted until {@link #start()}.
     *
     * @param webhook the webhook to serve and register, or null for long polling
     * @throws IllegalArgumentException when the API URL is not usable
     */
    public TelegramAdapter(TelegramSettings settings, @Nullable TelegramWebhookSettings webhook,
            MessageHandler handler) {
        this(settings, webhook, handler, PollingBackOff::new);
    }

    /** Creates an adapter whose polling waits the intervals {@code backOff} returns after a failed {@code getUpdates}. */
    TelegramAdapter(TelegramSettings settings, @Nullable TelegramWebhookSettings webhook, MessageHandler handler,
            Supplier<BackOff> backOff) {
        this.settings = settings;
        this.webhook = webhook;
        this.handler = handler;
        this.backOff = Objects.requireNonNull(backOff, "backOff");
        this.http = HttpClients.create(CONNECT_TIMEOUT, POLL_READ_TIMEOUT, settings.proxy());
        // TelegramBots runs every call through OkHttp's dispatcher, which allows 5 calls per host
        // by default and the long poll holds one of them; answers to many chats need more.
        http.dispatcher().setMaxRequestsPerHost(MAX_CALLS_IN_FLIGHT);
        http.dispatcher().setMaxRequests(MAX_CALLS_IN_FLIGHT);
        this.url = TelegramApiUrl.parse(settings.apiUrl());
        this.client = new OkHttpTelegramClient(http, settings.token(), url);
        this.downloader = new TelegramMediaDownloader(client, http, settings.apiUrl(), settings.token());
    }

    /**
     * Identifies the bot with {@code getMe}, then starts long polling, or serves the webhook
     * endpoint and registers it with {@code setWebhook}.
     *
     * @return the bot's identity
     * @throws TelegramStartException when the token is rejected, the Bot API cannot be reached, the
     *     webhook address cannot be bound or Telegram rejects the webhook
     */
    public TelegramIdentity start() throws TelegramStartException {
        TelegramIdentity identity = identify(client, settings.token());
        mapper = new TelegramUpdateMapper(identity);
        if (webhook == null) {
            startPolling();
            log.info("Telegram bot @{} is polling {}", identity.username(), settings.apiUrl());
        } else {
            startWebhook(webhook);
            log.info("Telegram bot @{} receives updates by webhook at host {}, served on {}", identity.username(),
                    webhook.url().getHost(), webhookServer == null ? webhook.listen() : webhookServer.address());
        }
        return identity;
    }

    private void startPolling() throws TelegramStartException {
        // Only the polling calls go through the guard; sends and edits keep the plain client.
        OkHttpClient pollingHttp = http.newBuilder().addInterceptor(guard).build();
        try {
            TelegramBotsLongPollingApplication application = new TelegramBotsLongPollingApplication(
                    ObjectMapper::new, () -> pollingHttp, Executors::newSingleThreadScheduledExecutor,
                    backOff);
            application.registerBot(settings.token(), () -> url, new DefaultGetUpdatesGenerator(UPDATE_KINDS),
                    this::consume);
            polling = application;
        } catch (TelegramApiException e) {
            throw new TelegramStartException("Telegram long polling could not start: "
                    + TelegramErrors.redact(String.valueOf(e.getMessage()), settings.token()), e);
        }
    }

    private void startWebhook(TelegramWebhookSettings webhook) throws TelegramStartException {
        TelegramWebhookServer server;
        try {
            server = new TelegramWebhookServer(webhook, this::consumeOne);
        } catch (IOException e) {
            throw new TelegramStartException("The Telegram webhook endpoint could not listen on " + webhook.listen()
                    + ": " + e.getMessage() + ". Choose a free port in " + TelegramWebhookSettings.LISTEN_VARIABLE, e);
        }
        webhookServer = server;
        SetWebhook register = SetWebhook.builder()
                .url(webhook.url().toString())
                .secretToken(webhook.secret())
                .allowedUpdates(UPDATE_KINDS)
                .build();
        try {
            client.execute(register);
        } catch (TelegramApiException e) {
            server.close();
            webhookServer = null;
            throw new TelegramStartException("Telegram setWebhook failed: "
                    + TelegramErrors.translate("setWebhook", e, settings.token()).getMessage()
                    + ". Check " + TelegramWebhookSettings.URL_VARIABLE + ": Telegram needs a public https URL", e);
        }
    }

    /**
     * Returns the address the webhook endpoint listens on, with the real port when port 0 was
     * configured, or null in polling mode and before {@link #start()}.
     */
    public @Nullable InetSocketAddress webhookAddress() {
        TelegramWebhookServer server = webhookServer;
        return server == null ? null : server.address();
    }

    /**
     * Calls {@code getMe} once and returns the bot's identity; used by {@code start} and by the
     * {@code check} command.
     *
     * @throws TelegramStartException with a readable reason: rejected token, unreachable URL
     */
    public static TelegramIdentity identify(TelegramClient client, String token) throws TelegramStartException {
        try {
            User me = client.execute(new GetMe());
            String username = me.getUserName() == null ? "" : me.getUserName();
            return new TelegramIdentity(me.getId(), username);
        } catch (TelegramApiException e) {
            throw new TelegramStartException(TelegramErrors.translate("getMe", e, token).getMessage(), e);
        }
    }

    /** Returns the Bot API client, for checks. */
    public TelegramClient client() {
        return client;
    }

    private void consume(List<Update> updates) {
        for (Update update : updates) {
            consumeOne(update);
        }
    }

    private void consumeOne(Update update) {
        try {
            dispatch(update);
        } catch (RuntimeException e) {
            // One bad update must not stop the others or the polling loop.
            log.warn("Could not handle Telegram update {}: {}", update.getUpdateId(), e.toString());
        }
    }

    private void dispatch(Update update) {
        String problem = update.getUpdateId() == null ? null : guard.takeProblem(update.getUpdateId());
        if (problem != null) {
            log.warn("Skipping Telegram update {}: it does not match the Bot API's Update schema ({})",
                    update.getUpdateId(), problem);
            return;
        }
        TelegramUpdateMapper current = mapper;
        Optional<InboundMessage> mapped = current == null ? Optional.empty() : current.map(update);
        if (mapped.isEmpty()) {
            log.debug("Skipping Telegram update {}: not a chat message", update.getUpdateId());
            return;
        }
        InboundMessage message = mapped.get();
        TelegramReplySink sink = new TelegramReplySink(client, format, settings.token(), Long.parseLong(message.chatId()),
                message.threadId() == null ? null : Integer.valueOf(message.threadId()),
                Integer.valueOf(message.messageId()), message.direct());
        handler.accept(message, sink, downloader);
    }

    @Override
    public void close() {
        TelegramWebhookServer server = webhookServer;
        if (server != null) {
            server.close();
            log.info("Telegram webhook endpoint stopped");
        }
        TelegramBotsLongPollingApplication application = polling;
        if (application == null) {
            return;
        }
        try {
            application.close();
            log.info("Telegram polling stopped");
        } catch (Exception e) {
            log.warn("Telegram polling did not stop cleanly: {}", e.toString());
        }
    }
}
