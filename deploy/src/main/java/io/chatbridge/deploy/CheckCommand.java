package io.chatbridge.deploy;

import io.chatbridge.config.BotConfig;
import io.chatbridge.discord.DiscordStartException;
import io.chatbridge.discord.DiscordTokenCheck;
import io.chatbridge.media.Ffmpeg;
import io.chatbridge.model.ModelCheck;
import io.chatbridge.model.UpstreamCheck;
import io.chatbridge.time.Sleeper;
import java.time.Clock;
import java.util.List;
import io.chatbridge.telegram.TelegramAdapter;
import io.chatbridge.telegram.TelegramIdentity;
import io.chatbridge.telegram.TelegramStartException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code chatbridge check}: validates the configuration, then calls the model endpoint and each
 * enabled platform once, and prints one line per check with OK or the exact failure.
 */
@Command(name = "check", description = "Validate the configuration, then call the model endpoint and each"
        + " enabled platform once and report every check. Exit code 0 when all pass, 1 otherwise.")
final class CheckCommand implements Callable<Integer> {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(15);

    @ParentCommand
    Main main;

    @Override
    public Integer call() throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BotConfig config = ConfigOption.load(main.config);
        if (config == null) {
            out.println("FAIL  configuration (see the problems above)");
            return 1;
        }
        out.println("OK    configuration");

        boolean allPassed = checkModel(config, out);
        if (config.telegram().enabled()) {
            allPassed &= checkTelegram(config, out);
        } else {
            out.println("SKIP  telegram: TELEGRAM_BOT_TOKEN is not set");
        }
        if (config.discord().enabled()) {
            allPassed &= checkDiscord(config, out);
        } else {
            out.println("SKIP  discord: DISCORD_BOT_TOKEN is not set");
        }
        checkVideo(config, out);
        return allPassed ? 0 : 1;
    }

    // Each upstream is checked, so a broken fallback relay is found before it is needed.
    private static boolean checkModel(BotConfig config, PrintStream out) throws InterruptedException {
        if (config.openAi().apiKey().isBlank() && config.upstreams().size() == 1) {
            out.println("WARN  model: OPENAI_API_KEY is not set; only an endpoint that needs no key will answer");
        }
        List<UpstreamCheck> checks = BotRuntime.failover(config, Clock.systemUTC(), Sleeper.SYSTEM).checkAll();
        boolean allPassed = true;
        for (UpstreamCheck check : checks) {
            ModelCheck result = check.result();
            String label = checks.size() == 1 ? "model" : "model " + check.name();
            out.println((result.ok() ? "OK    " : "FAIL  ") + label + ": " + result.detail());
            allPassed &= result.ok();
        }
        return allPassed;
    }

    // Without ffmpeg everything but video works, so a missing decoder is reported and does not fail the check.
    private static void checkVideo(BotConfig config, PrintStream out) throws InterruptedException {
        Ffmpeg ffmpeg = Ffmpeg.locate(config.media());
        out.println((ffmpeg.available() ? "OK    " : "SKIP  ") + ffmpeg.describe());
    }

    private static boolean checkDiscord(BotConfig config, PrintStream out) {
        try {
            DiscordTokenCheck.BotAccount account = DiscordTokenCheck.verify(config.discord(), CHECK_TIMEOUT);
            out.println("OK    discord: bot " + account.username() + " (id " + account.id() + ") at "
                    + config.discord().apiUrl());
            return true;
        } catch (DiscordStartException e) {
            out.println("FAIL  discord: " + e.getMessage());
            return false;
        }
    }

    private static boolean checkTelegram(BotConfig config, PrintStream out) {
        try {
            TelegramAdapter adapter = new TelegramAdapter(config.telegram(), (message, sink) -> null);
            TelegramIdentity identity = TelegramAdapter.identify(adapter.client(), config.telegram().token());
            out.println("OK    telegram: bot @" + identity.username() + " (id " + identity.id() + ") at "
                    + config.telegram().apiUrl());
            return true;
        } catch (TelegramStartException | RuntimeException e) {
            out.println("FAIL  telegram: " + e.getMessage());
            return false;
        }
    }
}
