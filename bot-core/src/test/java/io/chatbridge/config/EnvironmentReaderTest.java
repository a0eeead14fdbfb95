package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentReaderTest {

    @Test
    void everyKeyHasGenericVariable() {
        assertThat(ConfigKey.OPENAI_TEMPERATURE.envNames()).containsExactly("CHATBRIDGE_OPENAI_TEMPERATURE");
        assertThat(ConfigKey.OPENAI_API_KEY.envNames()).containsExactly("OPENAI_API_KEY", "CHATBRIDGE_OPENAI_API_KEY");
        assertThat(ConfigKey.TELEGRAM_TOKEN.envNames())
                .containsExactly("TELEGRAM_BOT_TOKEN", "CHATBRIDGE_TELEGRAM_TOKEN");
        assertThat(ConfigKey.PROXY.envNames()).containsExactly("CHATBRIDGE_PROXY");
        assertThat(ConfigKey.DATA_DIR.envNames()).containsExactly("CHATBRIDGE_DATA_DIR");
        assertThat(ConfigKey.ADMINS_TELEGRAM.envNames()).containsExactly("CHATBRIDGE_ADMINS_TELEGRAM");
    }

    @Test
    void warnsAboutMistypedVariables() {
        List<String> warnings = EnvironmentReader.typoWarnings(Map.of(
                "CHATBRIDGE_OPENAI_TEMPERTURE", "1",
                "CHATBRIDGE_CONFIG", "/etc/chatbridge.yaml",
                "CHATBRIDGE_OPENAI_TEMPERATURE", "1",
                "OPENAI_MODLE", "gpt-4o"));

        assertThat(warnings).containsExactly("Environment variable CHATBRIDGE_OPENAI_TEMPERTURE is not a setting"
                + " and is ignored; did you mean CHATBRIDGE_OPENAI_TEMPERATURE?");
    }

    @Test
    void warnsAboutVariablesThatSetNothing() {
        List<String> warnings = EnvironmentReader.typoWarnings(Map.of(
                "CHATBRIDGE_USAGE_RATE_LIMIT_REQUESTS_PER_MINUTE", "0",
                "CHATBRIDGE_LOG_LEVEL", "DEBUG"));

        assertThat(warnings).containsExactly("Environment variable CHATBRIDGE_USAGE_RATE_LIMIT_REQUESTS_PER_MINUTE is not"
                + " a setting and is ignored. The usage: and chats: sections have no variables; set them in the"
                + " configuration file.");
    }

    @Test
    void splitsCommaSeparatedLists() {
        List<RawValue> items = EnvironmentReader.splitList("CHATBRIDGE_ADMINS_TELEGRAM", " 1, ,2 ,");

        assertThat(items).containsExactly(
                new RawValue("1", "CHATBRIDGE_ADMINS_TELEGRAM", true),
                new RawValue("2", "CHATBRIDGE_ADMINS_TELEGRAM", true));
    }
}
