package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.conversation.Scope;
import io.chatbridge.engine.Platform;
import io.chatbridge.i18n.Language;
import java.io.IOException;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsWithoutFileOrEnvironment() throws ConfigException {
        BotConfig config = ConfigLoader.load(null, Map.of(), dir.resolve("chatbridge.yaml"));

        OpenAiSettings openAi = config.openAi();
        assertThat(openAi.apiKey()).isEmpty();
        assertThat(openAi.baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(openAi.model()).isEqualTo("gpt-4o-mini");
        assertThat(openAi.temperature()).isEqualTo(0.7);
        assertThat(openAi.maxOutputTokens()).isEqualTo(1024);
        assertThat(openAi.contextTokens()).isEqualTo(8000);
        assertThat(openAi.contextWindow()).isEqualTo(128_000);
        assertThat(openAi.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(openAi.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(openAi.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(openAi.maxRetries()).isEqualTo(2);
        assertThat(openAi.proxy()).isNull();

        assertThat(config.telegram()).isEqualTo(new TelegramSettings("", "https://api.telegram.org", null, Set.of()));
        assertThat(config.telegram().enabled()).isFalse();
        assertThat(config.discord()).isEqualTo(new DiscordSettings(
                "", "https://discord.com/api/v10/", "wss://gateway.discord.gg", null, Set.of(), Set.of()));
        assertThat(config.discord().enabled()).isFalse();

        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.conversation()).isEqualTo(new ConversationSettings(
                Duration.ofHours(6), 20_000_000L, Duration.ofSeconds(1), 32_000));
        assertThat(config.defaults()).isEqualTo(new ChatSettings(
                "You are a helpful assistant in a group chat. Answer concisely in the language the user writes in.",
                Scope.THREAD, "", "gpt-4o-mini", 0.7, Language.EN));
        assertThat(config.chats()).isEmpty();
        assertThat(config.admins()).containsOnly(
                Map.entry(Platform.TELEGRAM, Set.of()), Map.entry(Platform.DISCORD, Set.of()));
    }

    @Test
    void defaultsMethodEqualsEmptyLoad() throws ConfigException {
        assertThat(ConfigLoader.defaults()).isEqualTo(ConfigLoader.load(null, Map.of(), dir.resolve("none.yaml")));
    }

    @Test
    void conventionalEnvironmentVariables() throws ConfigException {
        Map<String, String> env = Map.of(
                "OPENAI_API_KEY", "sk-test-placeholder",
                "OPENAI_BASE_URL", "https://relay.example.test/v1/",
                "OPENAI_MODEL", "deepseek-chat",
                "TELEGRAM_BOT_TOKEN", "123456:TEST_placeholder-token",
                "TELEGRAM_API_URL", "http://127.0.0.1:8081/",
                "DISCORD_BOT_TOKEN", "discord.test.placeholder",
                "DISCORD_API_URL", "http://127.0.0.1:9000/api/v10",
                "DISCORD_GATEWAY_URL", "ws://127.0.0.1:9001/",
                "CHATBRIDGE_PROXY", "socks5://127.0.0.1:1080",
                "CHATBRIDGE_DATA_DIR", "/var/lib/chatbridge");

        BotConfig config = load(env);

        assertThat(config.openAi().apiKey()).isEqualTo("sk-test-placeholder");
        assertThat(config.openAi().baseUrl()).isEqualTo("https://relay.example.test/v1");
        assertThat(config.openAi().model()).isEqualTo("deepseek-chat");
        assertThat(config.defaults().model()).isEqualTo("deepseek-chat");
        assertThat(config.telegram().token()).isEqualTo("123456:TEST_placeholder-token");
        assertThat(config.telegram().apiUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(config.telegram().enabled()).isTrue();
        assertThat(config.discord().token()).isEqualTo("discord.test.placeholder");
        assertThat(config.discord().apiUrl()).isEqualTo("http://127.0.0.1:9000/api/v10/");
        assertThat(config.discord().gatewayUrl()).isEqualTo("ws://127.0.0.1:9001");
        assertThat(config.discord().enabled()).isTrue();
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/chatbridge"));

        ProxySpec socks = new ProxySpec(Proxy.Type.SOCKS, "127.0.0.1", 1080);
        assertThat(config.openAi().proxy()).isEqualTo(socks);
        assertThat(config.telegram().proxy()).isEqualTo(socks);
        assertThat(config.discord().proxy()).isEqualTo(socks);
    }

    @Test
    void httpProxyFromEnvironment() throws ConfigException {
        BotConfig config = load(Map.of("CHATBRIDGE_PROXY", "http://proxy.internal:7890"));

        assertThat(config.openAi().proxy()).isEqualTo(new ProxySpec(Proxy.Type.HTTP, "proxy.internal", 7890));
        assertThat(config.openAi().proxy().toString()).isEqualTo("http://proxy.internal:7890");
    }

    @Test
    void sectionProxyOverridesSharedProxy() throws ConfigException {
        BotConfig config = load(Map.of(
                "CHATBRIDGE_PROXY", "socks5h://127.0.0.1:1080",
                "CHATBRIDGE_OPENAI_PROXY", "direct",
                "CHATBRIDGE_DISCORD_PROXY", "http://[::1]:7890"));

        assertThat(config.openAi().proxy()).isNull();
        assertThat(config.telegram().proxy()).isEqualTo(new ProxySpec(Proxy.Type.SOCKS, "127.0.0.1", 1080));
        assertThat(config.discord().proxy()).isEqualTo(new ProxySpec(Proxy.Type.HTTP, "::1", 7890));
    }

    @Test
    void genericEnvironmentVariablesSetEveryScalar() throws ConfigException {
        Map<String, String> env = Map.ofEntries(
                Map.entry("CHATBRIDGE_OPENAI_TEMPERATURE", "1.25"),
                Map.entry("CHATBRIDGE_OPENAI_MAX_OUTPUT_TOKENS", "2048"),
                Map.entry("CHATBRIDGE_OPENAI_CONTEXT_TOKENS", "16000"),
                Map.entry("CHATBRIDGE_OPENAI_CONTEXT_WINDOW", "64000"),
                Map.entry("CHATBRIDGE_OPENAI_CONNECT_TIMEOUT", "500ms"),
                Map.entry("CHATBRIDGE_OPENAI_FIRST_TOKEN_TIMEOUT", "PT2M"),
                Map.entry("CHATBRIDGE_OPENAI_IDLE_TIMEOUT", "45s"),
                Map.entry("CHATBRIDGE_OPENAI_MAX_RETRIES", "0"),
                Map.entry("CHATBRIDGE_TELEGRAM_PROXY", "http://127.0.0.1:7890"),
                Map.entry("CHATBRIDGE_LANGUAGE", "zh_CN"),
                Map.entry("CHATBRIDGE_CONVERSATION_SCOPE", "THREAD"),
                Map.entry("CHATBRIDGE_CONVERSATION_SYSTEM_PROMPT", "Be brief."),
                Map.entry("CHATBRIDGE_CONVERSATION_TRIGGER_PREFIX", "!ai"),
                Map.entry("CHATBRIDGE_CONVERSATION_IDLE_EXPIRY", "1d"),
                Map.entry("CHATBRIDGE_CONVERSATION_CACHE_MAX_TOKENS", "5_000_000"),
                Map.entry("CHATBRIDGE_CONVERSATION_MERGE_WINDOW", "0s"),
                Map.entry("CHATBRIDGE_CONVERSATION_MAX_INPUT_CHARS", "4000"),
                Map.entry("CHATBRIDGE_ADMINS_TELEGRAM", "1, 2,,-1003"),
                Map.entry("CHATBRIDGE_ADMINS_DISCORD", "1300000000000000005"),
                Map.entry("CHATBRIDGE_DISCORD_ANSWER_ALL_CHANNELS", "11,12"),
                Map.entry("CHATBRIDGE_DISCORD_THREAD_PER_QUESTION_CHANNELS", "13"));

        BotConfig config = load(env);

        assertThat(config.openAi().temperature()).isEqualTo(1.25);
        assertThat(config.openAi().maxOutputTokens()).isEqualTo(2048);
        assertThat(config.openAi().contextTokens()).isEqualTo(16_000);
        assertThat(config.openAi().contextWindow()).isEqualTo(64_000);
        assertThat(config.openAi().connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.openAi().firstTokenTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.openAi().idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.openAi().maxRetries()).isZero();
        assertThat(config.openAi().proxy()).isNull();
        assertThat(config.telegram().proxy()).isEqualTo(new ProxySpec(Proxy.Type.HTTP, "127.0.0.1", 7890));
        assertThat(config.defaults()).isEqualTo(
                new ChatSettings("Be brief.", Scope.THREAD, "!ai", "gpt-4o-mini", 1.25, Language.ZH_CN));
        assertThat(config.conversation()).isEqualTo(
                new ConversationSettings(Duration.ofDays(1), 5_000_000L, Duration.ZERO, 4000));
        assertThat(config.admins().get(Platform.TELEGRAM)).containsExactlyInAnyOrder("1", "2", "-1003");
        assertThat(config.admins().get(Platform.DISCORD)).containsExactly("1300000000000000005");
        assertThat(config.isAdmin(Platform.TELEGRAM, "2")).isTrue();
        assertThat(config.isAdmin(Platform.DISCORD, "2")).isFalse();
        assertThat(config.discord().answerAllChannels()).containsExactlyInAnyOrder("11", "12");
        assertThat(config.discord().threadPerQuestionChannels()).containsExactly("13");
    }

    @Test
    void genericNameWinsOverConventionalName() throws ConfigException {
        BotConfig config = load(Map.of(
                "OPENAI_MODEL", "gpt-4o",
                "CHATBRIDGE_OPENAI_MODEL", "qwen-plus",
                "OPENAI_API_KEY", "sk-shell-placeholder",
                "CHATBRIDGE_OPENAI_API_KEY", "sk-bot-placeholder"));

        assertThat(config.openAi().model()).isEqualTo("qwen-plus");
        assertThat(config.openAi().apiKey()).isEqualTo("sk-bot-placeholder");
    }

    @Test
    void emptyEnvironmentValuesCountAsUnset() throws ConfigException {
        Path file = write("""
                openai:
                  model: gpt-4o
                """);

        BotConfig config = ConfigLoader.load(file, Map.of("OPENAI_MODEL", "", "CHATBRIDGE_OPENAI_TEMPERATURE", "  "));

        assertThat(config.openAi().model()).isEqualTo("gpt-4o");
        assertThat(config.openAi().temperature()).isEqualTo(0.7);
    }

    @Test
    void fileValues() throws ConfigException {
        Path file = write("""
                openai:
                  base_url: http://127.0.0.1:8080/v1//
                  model: gpt-4o
                  temperature: 0
                  max_output_tokens: 4096
                  context_tokens: 20_000
                  connect_timeout: 2m30s
                  proxy: direct
                telegram:
                  api_url: http://localhost:8081
                discord:
                  api_url: http://127.0.0.1:9000/api/v10///
                  answer_all_channels: [1300000000000000010, "1300000000000000011"]
                proxy: http://127.0.0.1:7890
                data_dir: /srv/chatbridge
                language: zh-CN
                conversation:
                  scope: user
                  system_prompt: |
                    You answer in haiku.
                  trigger_prefix: "!ai"
                  idle_expiry: 2h
                  merge_window: 1500ms
                admins:
                  telegram: [123456789, -1001]
                  discord: "1300000000000000002,1300000000000000003"
                chats:
                  "telegram:-100123":
                    system_prompt: 你是一个群聊助手。
                    scope: thread
                    trigger_prefix: "?"
                    model: gpt-4o-mini
                    temperature: 1.5
                    language: en
                  "discord:42":
                """);

        BotConfig config = ConfigLoader.load(file, Map.of());

        assertThat(config.openAi().baseUrl()).isEqualTo("http://127.0.0.1:8080/v1");
        assertThat(config.openAi().model()).isEqualTo("gpt-4o");
        assertThat(config.openAi().temperature()).isEqualTo(0.0);
        assertThat(config.openAi().maxOutputTokens()).isEqualTo(4096);
        assertThat(config.openAi().contextTokens()).isEqualTo(20_000);
        assertThat(config.openAi().connectTimeout()).isEqualTo(Duration.ofSeconds(150));
        assertThat(config.openAi().proxy()).isNull();
        assertThat(config.telegram().apiUrl()).isEqualTo("http://localhost:8081");
        assertThat(config.telegram().proxy()).isEqualTo(new ProxySpec(Proxy.Type.HTTP, "127.0.0.1", 7890));
        assertThat(config.discord().apiUrl()).isEqualTo("http://127.0.0.1:9000/api/v10/");
        assertThat(config.discord().answerAllChannels())
                .containsExactlyInAnyOrder("1300000000000000010", "1300000000000000011");
        assertThat(config.discord().proxy()).isEqualTo(new ProxySpec(Proxy.Type.HTTP, "127.0.0.1", 7890));
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/chatbridge"));
        assertThat(config.defaults()).isEqualTo(new ChatSettings(
                "You answer in haiku.", Scope.USER, "!ai", "gpt-4o", 0.0, Language.ZH_CN));
        assertThat(config.conversation().idleExpiry()).isEqualTo(Duration.ofHours(2));
        assertThat(config.conversation().mergeWindow()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.admins().get(Platform.TELEGRAM)).containsExactlyInAnyOrder("123456789", "-1001");
        assertThat(config.admins().get(Platform.DISCORD))
                .containsExactlyInAnyOrder("1300000000000000002", "1300000000000000003");

        assertThat(config.chat(Platform.TELEGRAM, "-100123")).isEqualTo(
                new ChatSettings("你是一个群聊助手。", Scope.THREAD, "?", "gpt-4o-mini", 1.5, Language.EN));
        assertThat(config.chat(Platform.DISCORD, "42")).isEqualTo(ChatSettings.EMPTY);
        assertThat(config.chat(Platform.TELEGRAM, "1")).isNull();
    }

    @Test
    void environmentBeatsFile() throws ConfigException {
        Path file = write("""
                openai:
                  model: gpt-4o
                  temperature: 0.2
                proxy: http://127.0.0.1:7890
                admins:
                  telegram: [1, 2]
                """);

        BotConfig config = ConfigLoader.load(file, Map.of(
                "OPENAI_MODEL", "gpt-4.1-mini",
                "CHATBRIDGE_OPENAI_TEMPERATURE", "1",
                "CHATBRIDGE_PROXY", "socks5://10.0.0.1:1080",
                "CHATBRIDGE_ADMINS_TELEGRAM", "3"));

        assertThat(config.openAi().model()).isEqualTo("gpt-4.1-mini");
        assertThat(config.openAi().temperature()).isEqualTo(1.0);
        assertThat(config.openAi().proxy()).isEqualTo(new ProxySpec(Proxy.Type.SOCKS, "10.0.0.1", 1080));
        assertThat(config.admins().get(Platform.TELEGRAM)).containsExactly("3");
    }

    @Test
    void defaultFileIsReadWhenPresent() throws ConfigException, IOException {
        Path defaultFile = dir.resolve("chatbridge.yaml");
        Files.writeString(defaultFile, "openai:\n  model: gpt-4o\n");

        BotConfig config = ConfigLoader.load(null, Map.of(), defaultFile);

        assertThat(config.openAi().model()).isEqualTo("gpt-4o");
    }

    @Test
    void emptyFileGivesDefaults() throws ConfigException {
        Path file = write("# nothing set yet\n");

        assertThat(ConfigLoader.load(file, Map.of())).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void nullValuesInFileLeaveDefaults() throws ConfigException {
        Path file = write("""
                openai:
                  model:
                telegram:
                chats:
                """);

        assertThat(ConfigLoader.load(file, Map.of())).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void missingNamedFileIsAnError() {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing.toAbsolutePath() + ": configuration file does not exist; check the path,"
                        + " or copy deploy/chatbridge.example.yaml there and edit it");
    }

    @Test
    void directoryAsFileIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": is a directory, expected a YAML file");
    }

    private BotConfig load(Map<String, String> env) throws ConfigException {
        return ConfigLoader.load(null, env, dir.resolve("absent.yaml"));
    }

    private Path write(String yaml) {
        try {
            return Files.writeString(dir.resolve("config.yaml"), yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
