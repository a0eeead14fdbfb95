package io.chatbridge.deploy;

import io.chatbridge.config.BotConfig;
import io.chatbridge.discord.DiscordAdapter;
import io.chatbridge.discord.DiscordStartException;
import io.chatbridge.telegram.TelegramAdapter;
import io.chatbridge.telegram.TelegramStartException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code chatbridge run}: starts every adapter whose token is set and serves until stopped. */
@Command(name = "run", description = "Start every adapter whose token is set and serve until stopped (Ctrl+C or SIGTERM).")
final class RunCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws InterruptedException {
        BotConfig config = ConfigOption.load(main.config);
        if (config == null) {
            return 2;
        }
        if (!config.telegram().enabled() && !config.discord().enabled()) {
            System.err.println("No platform token is set: set TELEGRAM_BOT_TOKEN and/or DISCORD_BOT_TOKEN."
                    + " To try the model without a platform, run the chat command.");
            return 2;
        }

        if (config.openAi().apiKey().isBlank()) {
            log.warn("OPENAI_API_KEY is not set: only an endpoint that needs no key will answer."
                    + " Set it, or run the check command to see what the endpoint says.");
        }

        long started = System.nanoTime();
        Monitoring monitoring;
        try {
            monitoring = Monitoring.start(config.metrics());
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
        BotRuntime runtime = BotRuntime.start(config, monitoring.metrics());
        List<AutoCloseable> adapters = new CopyOnWriteArrayList<>();
        // Registered before the adapters start, so a SIGTERM during a slow login still closes the database.
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            log.info("Stopping ChatBridge");
            monitoring.stopping();
            closeAll(adapters, runtime);
            monitoring.close();
            stopped.countDown();
        }, "chatbridge-shutdown");
        java.lang.Runtime.getRuntime().addShutdownHook(shutdown);

        List<String> platforms = new ArrayList<>();
        try {
            if (config.telegram().enabled()) {
                TelegramAdapter telegram = new TelegramAdapter(config.telegram(), config.telegramWebhook(),
                        runtime.handler());
                adapters.add(telegram);
                telegram.start();
                platforms.add("telegram");
            }
            if (config.discord().enabled()) {
                DiscordAdapter discord = new DiscordAdapter(config.discord(), runtime.handler());
                adapters.add(discord);
                discord.start();
                platforms.add("discord");
            }
        } catch (TelegramStartException | DiscordStartException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            log.error("ChatBridge could not start", e);
            return 1;
        }
        monitoring.running(platforms);
        log.info("ChatBridge started in {} ms", (System.nanoTime() - started) / 1_000_000);
        stopped.await();
        return 0;
    }

    // Runs once, from the shutdown hook: returning 1 from call() exits the JVM, which runs the hook.
    private static void closeAll(List<AutoCloseable> adapters, BotRuntime runtime) {
        for (AutoCloseable adapter : List.copyOf(adapters).reversed()) {
            try {
                adapter.close();
            } catch (Exception e) {
                log.warn("Adapter did not stop cleanly: {}", e.toString());
            }
        }
        runtime.close();
    }
}
