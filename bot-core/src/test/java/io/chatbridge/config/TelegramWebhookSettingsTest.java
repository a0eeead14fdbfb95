package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelegramWebhookSettingsTest {

    private static List<String> problems(Map<String, String> env) {
        return catchThrowableOfType(ConfigException.class, () -> TelegramWebhookSettings.fromEnvironment(env)).problems();
    }

    @Test
    void unsetUrlMeansPolling() throws Exception {
        assertThat(TelegramWebhookSettings.fromEnvironment(Map.of())).isNull();
        assertThat(TelegramWebhookSettings.fromEnvironment(Map.of("TELEGRAM_WEBHOOK_URL", " "))).isNull();
    }

    @Test
    void urlAloneListensOnLoopbackWithRandomSecret() throws Exception {
        TelegramWebhookSettings settings = TelegramWebhookSettings.fromEnvironment(
                Map.of("TELEGRAM_WEBHOOK_URL", "https://bot.example.com/telegram/hook"));

        assertThat(settings.path()).isEqualTo("/telegram/hook");
        assertThat(settings.listen().getHostString()).isEqualTo("127.0.0.1");
        assertThat(settings.listen().getPort()).isEqualTo(8443);
        assertThat(settings.secret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(TelegramWebhookSettings.randomSecret()).isNotEqualTo(settings.secret());
    }

    @Test
    void listenAndSecretAreRead() throws Exception {
        TelegramWebhookSettings settings = TelegramWebhookSettings.fromEnvironment(Map.of(
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.com:8443",
                "TELEGRAM_WEBHOOK_LISTEN", "0.0.0.0:9000",
                "TELEGRAM_WEBHOOK_SECRET", "shared-secret_1"));

        assertThat(settings.path()).isEqualTo("/");
        assertThat(settings.listen().getPort()).isEqualTo(9000);
        assertThat(settings.secret()).isEqualTo("shared-secret_1");
        assertThat(settings.toString()).doesNotContain("shared-secret_1").contains("secret=<redacted>");
    }

    @Test
    void invalidValuesAreReportedWithoutTheSecret() {
        assertThat(problems(Map.of("TELEGRAM_WEBHOOK_URL", "http://bot.example.com/hook",
                "TELEGRAM_WEBHOOK_LISTEN", "9000", "TELEGRAM_WEBHOOK_SECRET", "has spaces and $ign")))
                .containsExactly(
                        "TELEGRAM_WEBHOOK_URL: must be an https URL with a host, such as https://bot.example.com/telegram,"
                                + " because Telegram delivers webhooks over HTTPS only",
                        "TELEGRAM_WEBHOOK_LISTEN: \"9000\" is not host:port, expected one such as 127.0.0.1:8443",
                        "TELEGRAM_WEBHOOK_SECRET is invalid: expected 1 to 256 of A-Z, a-z, 0-9, _ and -, as Telegram"
                                + " requires for secret_token");
    }

    @Test
    void portTelegramCannotReachIsRejected() {
        assertThat(problems(Map.of("TELEGRAM_WEBHOOK_URL", "https://bot.example.com:9443/hook"))).containsExactly(
                "TELEGRAM_WEBHOOK_URL: port 9443 is not one Telegram delivers to; use 443, 80, 88 or 8443");
    }
}
