package io.chatbridge.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.config.TelegramSettings;
import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.MessageHandler;
import io.chatbridge.model.HttpClients;
import io.chatbridge.reply.ReplyFormat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Runs the Telegram bot: long polling through TelegramBots against the configured Bot API URL,
 * each update translated and handed to the engine with a sink that answers in the same chat.
 *
 * <p>Lifecycle: {@link #start()} checks the token with {@code getMe} and starts polling;
 * {@link #close()} stops polling. Not restartable.
 */
public final class TelegramAdapter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramAdapter.class);

    // getUpdates holds the connection for up to 50 s; reads must wait longer than that.
    private static final Duration POLL_READ_TIMEOUT = Duration.ofSeconds(75);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final List<String> UPDATE_KINDS = List.of("message");
    private static final int MAX_CALLS_IN_FLIGHT = 64;

    private final TelegramSettings settings;
    private final MessageHandler handler;
    private final ReplyFormat format = new TelegramHtmlFormat();
    private final OkHttpClient http;
    private final TelegramUrl url;
    private final TelegramClient client;
    private final TelegramMediaDownloader downloader;
    private @Nullable TelegramBotsLongPollingApplication polling;
    private @Nullable TelegramUpdateMapper mapper;

    /**
     * Creates an adapter; nothing is contacted until {@link #start()}.
     *
     * @throws IllegalArgumentException when the API URL is not usable
     */
    public TelegramAdapter(TelegramSettings settings, MessageHandler handler) {
        this.settings = settings;
        this.handler = handler;
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
     * Identifies the bot with {@code getMe}, then starts long polling.
     *
     * @return the bot's identity
     * @throws TelegramStartException when the token is rejected or the Bot API cannot be reached
     */
    public TelegramIdentity start() throws TelegramStartException {
        TelegramIdentity identity = identify(client, settings.token());
        mapper = new TelegramUpdateMapper(identity);
        try {
            TelegramBotsLongPollingApplication application = new TelegramBotsLongPollingApplication(
                    ObjectMapper::new, () -> http);
            application.registerBot(settings.token(), () -> url, new DefaultGetUpdatesGenerator(UPDATE_KINDS),
                    this::consume);
            polling = application;
        } catch (TelegramApiException e) {
            throw new TelegramStartException("Telegram long polling could not start: "
                    + TelegramErrors.redact(String.valueOf(e.getMessage()), settings.token()), e);
        }
        log.info("Telegram bot @{} is polling {}", identity.username(), settings.apiUrl());
        return identity;
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
            try {
                dispatch(update);
            } catch (RuntimeException e) {
                // One bad update must not stop the others or the polling loop.
                log.warn("Could not handle Telegram update {}: {}", update.getUpdateId(), e.toString());
            }
        }
    }

    private void dispatch(Update update) {
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
