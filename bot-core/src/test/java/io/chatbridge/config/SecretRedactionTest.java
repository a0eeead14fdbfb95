package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretRedactionTest {

    private static final String API_KEY = "sk-placeholder-key-0001";
    private static final String TELEGRAM_TOKEN = "123456:placeholder_token_0002";
    private static final String DISCORD_TOKEN = "discord.placeholder.token0003";

    @TempDir
    Path dir;

    @Test
    void settingsToStringHidesSecrets() throws ConfigException {
        BotConfig config = ConfigLoader.load(null, Map.of(
                "OPENAI_API_KEY", API_KEY,
                "TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN,
                "DISCORD_BOT_TOKEN", DISCORD_TOKEN), dir.resolve("absent.yaml"));

        String printed = config.toString();

        assertThat(printed).doesNotContain(API_KEY);
        assertThat(printed).doesNotContain(TELEGRAM_TOKEN);
        assertThat(printed).doesNotContain("placeholder_token_0002");
        assertThat(printed).doesNotContain(DISCORD_TOKEN);
        assertThat(printed).contains("apiKey=<redacted>");
        assertThat(printed).contains("TelegramSettings[token=<redacted>, apiUrl=https://api.telegram.org, proxy=null]");
        assertThat(printed).contains("DiscordSettings[token=<redacted>");
    }

    @Test
    void unsetSecretsPrintAsEmpty() {
        BotConfig config = ConfigLoader.defaults();

        assertThat(config.openAi().toString()).startsWith("OpenAiSettings[apiKey=<empty>, baseUrl=https://api.openai.com/v1,");
        assertThat(config.telegram().toString()).contains("token=<empty>");
        assertThat(config.discord().toString()).contains("token=<empty>");
    }
}
