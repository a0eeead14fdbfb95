package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.conversation.Scope;
import io.chatbridge.engine.Platform;
import io.chatbridge.i18n.Language;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExampleConfigTest {

    /** Maven runs the tests of bot-core with bot-core as the working directory. */
    private static final Path EXAMPLE = Path.of("../deploy/chatbridge.example.yaml");

    @Test
    void exampleLoadsWithoutProblems() throws ConfigException {
        BotConfig example = ConfigLoader.load(EXAMPLE, Map.of());

        assertThat(example).isNotNull();
    }

    @Test
    void exampleShowsTheDefaults() throws ConfigException {
        BotConfig example = ConfigLoader.load(EXAMPLE, Map.of());
        BotConfig defaults = ConfigLoader.defaults();

        assertThat(example.openAi()).isEqualTo(defaults.openAi());
        assertThat(example.telegram()).isEqualTo(defaults.telegram());
        assertThat(example.discord()).isEqualTo(defaults.discord());
        assertThat(example.dataDir()).isEqualTo(defaults.dataDir());
        assertThat(example.conversation()).isEqualTo(defaults.conversation());
        assertThat(example.defaults()).isEqualTo(defaults.defaults());
        assertThat(example.media()).isEqualTo(defaults.media());
    }

    @Test
    void mediaKeysAreReadFromTheEnvironment() throws ConfigException {
        BotConfig config = ConfigLoader.load(null, Map.of(
                "CHATBRIDGE_MEDIA_VIDEO_FRAMES", "12",
                "CHATBRIDGE_MEDIA_IMAGE_DETAIL", "low",
                "CHATBRIDGE_MEDIA_MAX_VIDEO_DURATION", "90s"));

        assertThat(config.media().videoFrames()).isEqualTo(12);
        assertThat(config.media().imageDetail()).isEqualTo(io.chatbridge.media.ImageDetail.LOW);
        assertThat(config.media().maxVideoDuration()).isEqualTo(java.time.Duration.ofSeconds(90));
    }

    @Test
    void invalidImageDetailNamesTheVariable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigLoader.load(null,
                        Map.of("CHATBRIDGE_MEDIA_IMAGE_DETAIL", "ultra")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHATBRIDGE_MEDIA_IMAGE_DETAIL: \"ultra\" is not an image detail, expected low, high or auto");
    }

    @Test
    void exampleAdminsAndChatOverrides() throws ConfigException {
        BotConfig example = ConfigLoader.load(EXAMPLE, Map.of());

        assertThat(example.admins()).containsOnly(
                Map.entry(Platform.TELEGRAM, Set.of("123456789")),
                Map.entry(Platform.DISCORD, Set.of("1300000000000000002")));
        assertThat(example.chats()).containsOnly(
                Map.entry("telegram:-1001234567890", new ChatSettings(
                        "你是一个群聊助手，请用简体中文简洁地回答。", null, "!ai", null, null, Language.ZH_CN)),
                Map.entry("discord:1300000000000000003", new ChatSettings(
                        null, Scope.THREAD, null, "gpt-4o", 0.2, null)));
    }

    @Test
    void exampleWithSecretsFromEnvironment() throws ConfigException {
        BotConfig example = ConfigLoader.load(EXAMPLE, Map.of(
                "OPENAI_API_KEY", "sk-test-placeholder",
                "TELEGRAM_BOT_TOKEN", "123456:TEST_placeholder",
                "CHATBRIDGE_PROXY", "socks5://127.0.0.1:1080"));

        assertThat(example.openAi().apiKey()).isEqualTo("sk-test-placeholder");
        assertThat(example.telegram().enabled()).isTrue();
        assertThat(example.discord().enabled()).isFalse();
        assertThat(example.telegram().proxy()).hasToString("socks5://127.0.0.1:1080");
    }
}
