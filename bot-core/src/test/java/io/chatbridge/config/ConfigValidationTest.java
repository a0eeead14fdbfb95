package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidationTest {

    @TempDir
    Path dir;

    @Test
    void temperatureOutOfRangeInFile() {
        assertThat(fileProblems("openai:\n  temperature: 3.5\n"))
                .containsExactly("openai.temperature: 3.5 is out of range, expected a number from 0 to 2");
    }

    @Test
    void proxyWithWrongSchemeFromEnvironment() {
        assertThat(envProblems(Map.of("CHATBRIDGE_PROXY", "ftp://x"))).containsExactly(
                "CHATBRIDGE_PROXY: \"ftp://x\" is not a proxy URL, expected http://host:port or socks5://host:port");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CHATBRIDGE_OPENAI_TEMPERATURE|warm|CHATBRIDGE_OPENAI_TEMPERATURE: \"warm\" is not a number, expected a number from 0 to 2",
        "CHATBRIDGE_OPENAI_TEMPERATURE|-0.1|CHATBRIDGE_OPENAI_TEMPERATURE: \"-0.1\" is out of range, expected a number from 0 to 2",
        "CHATBRIDGE_OPENAI_MAX_OUTPUT_TOKENS|0|CHATBRIDGE_OPENAI_MAX_OUTPUT_TOKENS: \"0\" is out of range, expected a whole number from 1 to 128000",
        "CHATBRIDGE_OPENAI_MAX_OUTPUT_TOKENS|1.5|CHATBRIDGE_OPENAI_MAX_OUTPUT_TOKENS: \"1.5\" is not a whole number, expected a whole number from 1 to 128000",
        "CHATBRIDGE_OPENAI_MAX_OUTPUT_TOKENS|99999999999999999999|CHATBRIDGE_OPENAI_MAX_OUTPUT_TOKENS: \"99999999999999999999\" is out of range, expected a whole number from 1 to 128000",
        "CHATBRIDGE_OPENAI_CONTEXT_TOKENS|200000|CHATBRIDGE_OPENAI_CONTEXT_TOKENS: \"200000\" is out of range, expected a whole number from 256 to 128000 (openai.context_window)",
        "CHATBRIDGE_OPENAI_CONTEXT_WINDOW|512|CHATBRIDGE_OPENAI_CONTEXT_WINDOW: \"512\" is out of range, expected a whole number from 1024 to 10000000",
        "CHATBRIDGE_OPENAI_MAX_RETRIES|11|CHATBRIDGE_OPENAI_MAX_RETRIES: \"11\" is out of range, expected a whole number from 0 to 10",
        "CHATBRIDGE_OPENAI_CONNECT_TIMEOUT|10|CHATBRIDGE_OPENAI_CONNECT_TIMEOUT: \"10\" is not a duration, expected a number with a unit (ms, s, m, h or d) such as 30s, or ISO-8601 such as PT30S",
        "CHATBRIDGE_OPENAI_CONNECT_TIMEOUT|10 minutes|CHATBRIDGE_OPENAI_CONNECT_TIMEOUT: \"10 minutes\" is not a duration, expected a number with a unit (ms, s, m, h or d) such as 30s, or ISO-8601 such as PT30S",
        "CHATBRIDGE_OPENAI_CONNECT_TIMEOUT|50ms|CHATBRIDGE_OPENAI_CONNECT_TIMEOUT: \"50ms\" is out of range, expected a duration from 100ms to 5m",
        "CHATBRIDGE_OPENAI_FIRST_TOKEN_TIMEOUT|PT-5S|CHATBRIDGE_OPENAI_FIRST_TOKEN_TIMEOUT: \"PT-5S\" is not a duration, expected a number with a unit (ms, s, m, h or d) such as 30s, or ISO-8601 such as PT30S",
        "CHATBRIDGE_OPENAI_IDLE_TIMEOUT|1h|CHATBRIDGE_OPENAI_IDLE_TIMEOUT: \"1h\" is out of range, expected a duration from 1s to 30m",
        "CHATBRIDGE_CONVERSATION_IDLE_EXPIRY|31d|CHATBRIDGE_CONVERSATION_IDLE_EXPIRY: \"31d\" is out of range, expected a duration from 1m to 30d",
        "CHATBRIDGE_CONVERSATION_MERGE_WINDOW|11s|CHATBRIDGE_CONVERSATION_MERGE_WINDOW: \"11s\" is out of range, expected a duration from 0s to 10s",
        "CHATBRIDGE_CONVERSATION_CACHE_MAX_TOKENS|100|CHATBRIDGE_CONVERSATION_CACHE_MAX_TOKENS: \"100\" is out of range, expected a whole number from 10000 to 10000000000",
        "CHATBRIDGE_CONVERSATION_MAX_INPUT_CHARS|0|CHATBRIDGE_CONVERSATION_MAX_INPUT_CHARS: \"0\" is out of range, expected a whole number from 1 to 1000000",
        "OPENAI_MODEL|gpt 4o|OPENAI_MODEL: \"gpt 4o\" contains white space, expected a model name such as gpt-4o-mini",
        "CHATBRIDGE_LANGUAGE|fr|CHATBRIDGE_LANGUAGE: \"fr\" is not a supported language, expected en or zh-CN",
        "CHATBRIDGE_LANGUAGE|zh-TW|CHATBRIDGE_LANGUAGE: \"zh-TW\" is not a supported language, expected en or zh-CN",
        "CHATBRIDGE_CONVERSATION_SCOPE|room|CHATBRIDGE_CONVERSATION_SCOPE: \"room\" is not a scope, expected channel, user or thread",
        "CHATBRIDGE_CONVERSATION_TRIGGER_PREFIX|/ai|CHATBRIDGE_CONVERSATION_TRIGGER_PREFIX: \"/ai\" starts with /, which marks commands, expected a prefix such as !ai",
        "CHATBRIDGE_ADMINS_TELEGRAM|12a|CHATBRIDGE_ADMINS_TELEGRAM: \"12a\" is not a Telegram id, expected a whole number such as 123456789 or -100123",
        "CHATBRIDGE_ADMINS_DISCORD|-5|CHATBRIDGE_ADMINS_DISCORD: \"-5\" is not a Discord id, expected digits only such as 1300000000000000001",
        "OPENAI_BASE_URL|api.openai.com/v1|OPENAI_BASE_URL: \"api.openai.com/v1\" is not an http or https URL with a host, expected a URL such as https://api.openai.com/v1",
        "OPENAI_BASE_URL|ftp://relay.example.test|OPENAI_BASE_URL: \"ftp://relay.example.test\" is not an http or https URL with a host, expected a URL such as https://api.openai.com/v1",
        "OPENAI_BASE_URL|https://relay.example.test/v1?key=abc|OPENAI_BASE_URL: \"https://relay.example.test/v1?…\" has a query or fragment, expected a URL without ? or #, such as https://api.openai.com/v1",
        "OPENAI_BASE_URL|https://user:pw@relay.example.test/v1|OPENAI_BASE_URL: \"https://***@relay.example.test/v1\" contains a user name or password, expected a URL without credentials; give secrets in their own settings",
        "DISCORD_GATEWAY_URL|https://gateway.discord.gg|DISCORD_GATEWAY_URL: \"https://gateway.discord.gg\" is not a ws or wss URL with a host, expected a URL such as wss://gateway.discord.gg",
        "DISCORD_API_URL|wss://discord.com/api|DISCORD_API_URL: \"wss://discord.com/api\" is not an http or https URL with a host, expected a URL such as https://discord.com/api/v10/",
        "CHATBRIDGE_PROXY|http://127.0.0.1|CHATBRIDGE_PROXY: \"http://127.0.0.1\" has no port, expected http://host:port or socks5://host:port",
        "CHATBRIDGE_PROXY|socks5://127.0.0.1:70000|CHATBRIDGE_PROXY: \"socks5://127.0.0.1:70000\" has port 70000, expected a port from 1 to 65535",
        "CHATBRIDGE_PROXY|https://127.0.0.1:443|CHATBRIDGE_PROXY: \"https://127.0.0.1:443\" is not a proxy URL, expected http://host:port or socks5://host:port",
        "CHATBRIDGE_PROXY|127.0.0.1:1080|CHATBRIDGE_PROXY: \"127.0.0.1:1080\" is not a proxy URL, expected http://host:port or socks5://host:port",
        "CHATBRIDGE_OPENAI_PROXY|http://127.0.0.1:7890/path|CHATBRIDGE_OPENAI_PROXY: \"http://127.0.0.1:7890/path\" is not a proxy URL, expected http://host:port or socks5://host:port",
    })
    void ruleMessages(String variable, String value, String expected) {
        assertThat(envProblems(Map.of(variable, value))).containsExactly(expected);
    }

    @Test
    void telegramApiUrlWithPathRejected() {
        assertThat(envProblems(Map.of("TELEGRAM_API_URL", "http://127.0.0.1:8081/custom"))).containsExactly(
                "TELEGRAM_API_URL: \"http://127.0.0.1:8081/…\" has a path, expected scheme, host and port only,"
                        + " such as https://api.telegram.org, because TelegramBots' TelegramUrl takes no path");
    }

    @Test
    void telegramApiUrlWithTokenPathHidesToken() {
        String token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

        List<String> problems = envProblems(Map.of("TELEGRAM_API_URL", "https://api.telegram.org/bot" + token));

        assertThat(problems).containsExactly(
                "TELEGRAM_API_URL: \"https://api.telegram.org/…\" has a path, expected scheme, host and port only,"
                        + " such as https://api.telegram.org, because TelegramBots' TelegramUrl takes no path");
        assertThat(String.join("\n", problems)).doesNotContain(token).doesNotContain("AAHdqTcvCH1vGWJx");
    }

    @Test
    void proxyWithCredentialsHidesThem() {
        List<String> problems = envProblems(Map.of("CHATBRIDGE_PROXY", "socks5://alice:s3cret-pw@127.0.0.1:1080"));

        assertThat(problems).containsExactly("CHATBRIDGE_PROXY: \"socks5://***@127.0.0.1:1080\" contains a user name"
                + " or password, which is not supported; use a proxy that needs no login, such as a local Clash or V2Ray port");
        assertThat(String.join("\n", problems)).doesNotContain("s3cret-pw").doesNotContain("alice");
    }

    @Test
    void fileValuesAreNamedByKeyPath() {
        List<String> problems = fileProblems("""
                openai:
                  max_output_tokens: 0
                  model: ""
                conversation:
                  system_prompt: "  "
                  scope: room
                admins:
                  telegram: [1, abc, [2]]
                """);

        assertThat(problems).containsExactly(
                "admins.telegram[2]: expected an id, got a list",
                "openai.model: \"\" is empty, expected a model name such as gpt-4o-mini",
                "openai.max_output_tokens: 0 is out of range, expected a whole number from 1 to 128000",
                "conversation.system_prompt: \"  \" is empty, expected the instructions that start every"
                        + " conversation; remove the key to use the default",
                "conversation.scope: \"room\" is not a scope, expected channel, user or thread",
                "admins.telegram[1]: \"abc\" is not a Telegram id, expected a whole number such as 123456789 or -100123");
    }

    @Test
    void contextTokensCheckedAgainstConfiguredWindow() {
        assertThat(fileProblems("openai:\n  context_window: 4096\n  context_tokens: 8000\n")).containsExactly(
                "openai.context_tokens: 8000 is out of range, expected a whole number from 256 to 4096 (openai.context_window)");
    }

    @Test
    void defaultContextTokensShrinkToSmallWindow() throws ConfigException {
        BotConfig config = ConfigLoader.load(
                null, Map.of("CHATBRIDGE_OPENAI_CONTEXT_WINDOW", "4096"), dir.resolve("absent.yaml"));

        assertThat(config.openAi().contextTokens()).isEqualTo(4096);
    }

    @Test
    void allProblemsReportedTogether() {
        Path file = write("""
                openai:
                  temperature: 5
                  temprature: 1
                language: de
                """);

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(file, Map.of("CHATBRIDGE_PROXY", "ftp://x", "OPENAI_MODEL", "a b")));

        List<String> expected = List.of(
                "openai.temprature: unknown key, did you mean openai.temperature?",
                "CHATBRIDGE_PROXY: \"ftp://x\" is not a proxy URL, expected http://host:port or socks5://host:port",
                "OPENAI_MODEL: \"a b\" contains white space, expected a model name such as gpt-4o-mini",
                "openai.temperature: 5 is out of range, expected a number from 0 to 2",
                "language: \"de\" is not a supported language, expected en or zh-CN");
        assertThat(e.problems()).isEqualTo(expected);
        assertThat(e.getMessage()).isEqualTo(String.join("\n", expected));
    }

    @Test
    void unknownKeysSuggestCloseMatches() {
        List<String> problems = fileProblems("""
                openai:
                  apiKey: placeholder
                  modle: gpt-4o
                telegarm:
                  token: placeholder
                model: gpt-4o
                conversation:
                  colour: blue
                chats:
                  "telegram:-100123":
                    temprature: 1
                    max_retries: 3
                """);

        assertThat(problems).containsExactly(
                "openai.apiKey: unknown key, did you mean openai.api_key?",
                "openai.modle: unknown key, did you mean openai.model?",
                "telegarm: unknown key, did you mean telegram?",
                "model: unknown key, did you mean openai.model?",
                "conversation.colour: unknown key, expected one of scope, system_prompt, trigger_prefix,"
                        + " idle_expiry, cache_max_tokens, merge_window, max_input_chars",
                "chats.\"telegram:-100123\".temprature: unknown key, did you mean chats.\"telegram:-100123\".temperature?",
                "chats.\"telegram:-100123\".max_retries: unknown key, expected one of system_prompt, scope,"
                        + " trigger_prefix, model, temperature, language");
    }

    @Test
    void wrongShapesAreReported() {
        List<String> problems = fileProblems("""
                openai: gpt-4o
                telegram:
                  api_url: [http://127.0.0.1:8081]
                discord:
                  answer_all_channels: {a: 1}
                chats:
                  "telegram:-1": [1]
                """);

        assertThat(problems).containsExactly(
                "openai: expected a mapping of keys such as api_key and base_url, got a single value",
                "telegram.api_url: expected a single value, got a list",
                "discord.answer_all_channels: expected a list of ids such as [123456789], got a mapping",
                "chats.\"telegram:-1\": expected a mapping of settings such as system_prompt, got a list");
    }

    @Test
    void badChatReferencesAreReported() {
        List<String> problems = fileProblems("""
                chats:
                  "tg:-100":
                    model: gpt-4o
                  "discord:general":
                    model: gpt-4o
                  "telegram:-100123":
                    temperature: 9
                """);

        assertThat(problems).containsExactly(
                "chats.\"tg:-100\": is not a chat reference, expected telegram:<chat id> or discord:<channel id>,"
                        + " such as \"telegram:-100123\"",
                "chats.\"discord:general\": \"general\" is not a Discord id, expected digits only such as"
                        + " 1300000000000000001",
                "chats.\"telegram:-100123\".temperature: 9 is out of range, expected a number from 0 to 2");
    }

    @Test
    void rootThatIsNotAMappingIsReported() {
        Path file = write("- openai\n- telegram\n");

        assertThat(problemsOf(file, Map.of())).containsExactly(
                file + ": expected a mapping of keys such as openai and telegram, got a list");
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() {
        Path file = write("openai:\n  model: gpt-4o\n  temperature: [0.7\n");

        assertThat(problemsOf(file, Map.of())).containsExactly(
                file + ": invalid YAML at line 4, column 1: expected ',' or ']', but got <stream end>");
    }

    @Test
    void yamlMappingErrorNamesLineAndColumn() {
        Path file = write("openai:\n  model: gpt-4o: mini\n");

        assertThat(problemsOf(file, Map.of())).containsExactly(
                file + ": invalid YAML at line 2, column 16: mapping values are not allowed here");
    }

    @Test
    void duplicateKeyIsAnError() {
        Path file = write("openai:\n  model: gpt-4o\n  model: gpt-4o-mini\n");

        assertThat(problemsOf(file, Map.of())).containsExactly(
                file + ": invalid YAML at line 3, column 8: Duplicate field 'model'");
    }

    @Test
    void secretsNeverAppearInProblems() {
        String apiKey = "sk-bad key-placeholder-1234";
        String discordToken = "Bot discord-placeholder-5678";
        String telegramToken = "not-a-telegram-token-9012";
        Path file = write("openai:\n  api_key: \"" + apiKey + "\"\n");

        List<String> problems = problemsOf(file, Map.of(
                "DISCORD_BOT_TOKEN", discordToken,
                "CHATBRIDGE_TELEGRAM_TOKEN", telegramToken));

        assertThat(problems).containsExactly(
                "openai.api_key is invalid: it contains a space, a control character or a non-ASCII character;"
                        + " give the key alone, without quotes or a \"Bearer \" prefix",
                "CHATBRIDGE_TELEGRAM_TOKEN is invalid, expected the form <bot id>:<secret> that @BotFather gives"
                        + " (digits, a colon, then letters, digits, _ and -)",
                "DISCORD_BOT_TOKEN is invalid: it contains a space, a control character or a non-ASCII character;"
                        + " give the token alone, without quotes or a \"Bot \" prefix");
        String all = String.join("\n", problems);
        assertThat(all).doesNotContain("placeholder-1234");
        assertThat(all).doesNotContain("placeholder-5678");
        assertThat(all).doesNotContain("token-9012");
    }

    @Test
    void secretInWrongShapeIsNotShown() {
        List<String> problems = fileProblems("telegram: 123456:TEST_placeholder-token\n");

        assertThat(problems).containsExactly("telegram: expected a mapping of keys such as token and api_url, got a single value");
    }

    @Test
    void nonAsciiApiKeyIsRejected() {
        assertThat(envProblems(Map.of("OPENAI_API_KEY", "sk-ｔest"))).containsExactly(
                "OPENAI_API_KEY is invalid: it contains a space, a control character or a non-ASCII character;"
                        + " give the key alone, without quotes or a \"Bearer \" prefix");
    }

    private List<String> envProblems(Map<String, String> env) {
        return problemsOf(null, env);
    }

    private List<String> fileProblems(String yaml) {
        return problemsOf(write(yaml), Map.of());
    }

    private List<String> problemsOf(@Nullable Path file, Map<String, String> env) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.load(file, env, dir.resolve("absent.yaml")));
        assertThat(e).as("a ConfigException").isNotNull();
        return e.problems();
    }

    private Path write(String yaml) {
        try {
            return Files.writeString(dir.resolve("config.yaml"), yaml);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
