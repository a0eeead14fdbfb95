package io.chatbridge.discord;

import io.chatbridge.config.DiscordSettings;
import io.chatbridge.engine.MessageHandler;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects ChatBridge to Discord through JDA: logs in, listens on the gateway, registers the
 * slash commands and hands every message and command to a {@link MessageHandler}.
 *
 * <p>The REST base URL, gateway URL and proxy come from {@link DiscordSettings}; the gateway runs
 * without compression. Intents: {@code GUILD_MESSAGES}, {@code DIRECT_MESSAGES}, the privileged
 * {@code MESSAGE_CONTENT}, and {@code GUILDS}, which JDA always adds because it learns servers,
 * channels and threads from it.
 *
 * <p>Use: {@link #start()} once, then {@link #close()}. Not thread-safe for these two calls; the
 * event handling itself runs on JDA's threads.
 */
public final class DiscordAdapter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);

    /** How long {@link #start()} waits for the gateway session: 60 seconds. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);

    /** How long {@link #close()} waits for JDA to shut down cleanly before forcing it. */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

    private static final EnumSet<GatewayIntent> INTENTS = EnumSet.of(
            GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES, GatewayIntent.MESSAGE_CONTENT);

    private final DiscordSettings settings;
    private final DiscordEventListener listener;
    private @Nullable JDA jda;

    /**
     * Creates an adapter; nothing connects until {@link #start()}.
     *
     * @param settings the Discord settings; the token must be set
     * @param handler receives every message and slash command; must not block
     * @throws IllegalArgumentException when the token is empty
     */
    public DiscordAdapter(DiscordSettings settings, MessageHandler handler) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(handler, "handler");
        if (!settings.enabled()) {
            throw new IllegalArgumentException("DISCORD_BOT_TOKEN is empty; set it to the bot token from the"
                    + " Discord developer portal, or leave the Discord adapter off");
        }
        this.settings = settings;
        this.listener = new DiscordEventListener(new DiscordMessageMapper(
                settings.threadPerQuestionChannels()), handler,
                new DiscordMediaDownloader(settings));
    }

    /** Starts with {@link #DEFAULT_START_TIMEOUT}; see {@link #start(Duration)}. */
    public void start() throws DiscordStartException, InterruptedException {
        start(DEFAULT_START_TIMEOUT);
    }

    /**
     * Logs in ({@code GET users/@me}), waits until the gateway session is ready and registers the
     * slash commands. A failed command registration is logged and does not stop the adapter.
     *
     * @param timeout how long to wait for the gateway session
     * @throws DiscordStartException when the token is rejected, Discord cannot be reached, the
     *     gateway closes the session or the session is not ready in time. On close code 4014 the
     *     log names the developer portal switch to turn on. JDA is shut down before this is thrown.
     * @throws IllegalStateException when called twice
     */
    public void start(Duration timeout) throws DiscordStartException, InterruptedException {
        if (jda != null) {
            throw new IllegalStateException("DiscordAdapter.start() was already called; create a new adapter instead");
        }
        log.info("Starting Discord adapter: REST {} gateway {}{}", settings.apiUrl(), settings.gatewayUrl(),
                settings.proxy() == null ? "" : " via proxy " + settings.proxy());

        JDA started = login();
        jda = started;
        awaitReady(started, timeout);
        registerCommands(started);
        log.info("Discord adapter ready as {} (id {}) in {} servers",
                started.getSelfUser().getName(), started.getSelfUser().getId(), started.getGuilds().size());
    }

    private JDA login() throws DiscordStartException {
        try {
            return JDABuilder.createLight(settings.token(), INTENTS)
                    .setRestConfig(new RestConfig().setBaseUrl(settings.apiUrl()))
                    .setSessionController(DiscordConnections.sessionController(settings.gatewayUrl()))
                    .setCompression(Compression.NONE)
                    .setHttpClientBuilder(DiscordConnections.httpClient(settings.proxy()))
                    .setWebsocketFactory(DiscordConnections.webSocketFactory(settings.proxy()))
                    .setEnableShutdownHook(false)
                    .addEventListeners(listener)
                    .build();
        } catch (InvalidTokenException e) {
            throw new DiscordStartException(DiscordStartException.Reason.INVALID_TOKEN,
                    "Discord rejected the bot token (GET users/@me returned 401); set DISCORD_BOT_TOKEN to the"
                            + " token under Bot in the Discord developer portal", e);
        } catch (RuntimeException e) {
            throw new DiscordStartException(DiscordStartException.Reason.UNREACHABLE,
                    "Could not log in to Discord at " + settings.apiUrl() + ": " + e
                            + "; check DISCORD_API_URL, the proxy setting and the network", e);
        }
    }

    private void awaitReady(JDA started, Duration timeout) throws DiscordStartException, InterruptedException {
        try {
            listener.ready().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            started.shutdownNow();
            if (e.getCause() instanceof DiscordStartException startFailure) {
                throw startFailure;
            }
            throw new DiscordStartException(DiscordStartException.Reason.GATEWAY_CLOSED,
                    "The Discord gateway session failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            started.shutdownNow();
            throw new DiscordStartException(DiscordStartException.Reason.TIMED_OUT,
                    "The Discord gateway session at " + settings.gatewayUrl() + " was not ready within " + timeout
                            + " (status " + started.getStatus() + "); check DISCORD_GATEWAY_URL and the network", e);
        } catch (InterruptedException e) {
            started.shutdownNow();
            throw e;
        }
    }

    private void registerCommands(JDA started) {
        try {
            var registered = started.updateCommands()
                    .addCommands(DiscordSlashCommands.definitions())
                    .timeout(DiscordRequests.REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .complete();
            log.info("Registered {} Discord slash commands", registered.size());
        } catch (RuntimeException e) {
            log.error("Could not register the Discord slash commands; messages still work but /chat, /reset,"
                    + " /help and /system will be missing until the next start: {}", e.toString());
        }
    }

    /**
     * Disconnects from Discord, waiting up to 10 seconds for requests in flight, then forcing the
     * shutdown. Sinks used after this fail with a {@code SinkException}. Does nothing when not started.
     */
    @Override
    public void close() {
        JDA running = jda;
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitShutdown(SHUTDOWN_TIMEOUT)) {
                log.warn("Discord did not shut down within {}; forcing it", SHUTDOWN_TIMEOUT);
                running.shutdownNow();
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Discord adapter stopped");
    }
}
