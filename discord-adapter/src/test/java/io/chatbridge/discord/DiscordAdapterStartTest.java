package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.config.DiscordSettings;
import io.chatbridge.testing.FakeDiscordServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logging in, the gateway session, command registration and the ways start can fail. */
class DiscordAdapterStartTest {

    private DiscordTestBed bed;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger listenerLog = (Logger) LoggerFactory.getLogger(DiscordEventListener.class);

    @BeforeEach
    void startFake() throws Exception {
        bed = new DiscordTestBed();
        logs.start();
        listenerLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        listenerLog.detachAppender(logs);
        bed.close();
    }

    @Test
    void identifyAsksForMessageIntents() throws Exception {
        bed.start(new RecordingHandler());

        List<JsonNode> identifies = bed.fake.identifyPayloads();
        assertThat(identifies).hasSize(1);
        JsonNode identify = identifies.get(0).path("d");
        // GUILDS (bit 0) + GUILD_MESSAGES (9) + DIRECT_MESSAGES (12) + MESSAGE_CONTENT (15)
        assertThat(identify.path("intents").asInt()).isEqualTo(1 | 1 << 9 | 1 << 12 | 1 << 15);
        assertThat(identify.path("token").asText()).isEqualTo(FakeDiscordServer.BOT_TOKEN);
        assertThat(bed.fake.requests().get(0).is("GET", "users/@me")).isTrue();
        assertThat(bed.fake.awaitHeartbeatAcks(1, DiscordTestBed.WAIT)).isTrue();
    }

    @Test
    void startRegistersSlashCommandsWithChinese() throws Exception {
        bed.start(new RecordingHandler());

        assertThat(bed.fake.requests("PUT", "applications/" + FakeDiscordServer.BOT_USER_ID + "/commands")).hasSize(1);
        JsonNode commands = bed.fake.registeredCommands();
        assertThat(StreamSupport.stream(commands.spliterator(), false).map(command -> command.path("name").asText()))
                .containsExactly("chat", "reset", "help", "system", "usage", "budget");

        JsonNode chat = commands.get(0);
        assertThat(chat.path("name_localizations").path("zh-CN").asText()).isEqualTo("聊天");
        assertThat(chat.path("description_localizations").path("zh-CN").asText()).isEqualTo("向助手提问");
        assertThat(chat.path("options").get(0).path("name").asText()).isEqualTo("prompt");
        assertThat(chat.path("options").get(0).path("required").asBoolean()).isTrue();
        assertThat(chat.path("options").get(0).path("name_localizations").path("zh-CN").asText()).isEqualTo("问题");

        JsonNode system = commands.get(3);
        assertThat(system.path("options").get(0).path("name").asText()).isEqualTo("text");
        assertThat(system.path("options").get(0).path("required").asBoolean()).isFalse();
        assertThat(system.path("description_localizations").path("zh-CN").asText())
                .isEqualTo("设置此频道的系统提示词（仅限管理员）");
    }

    @Test
    void refusedIntentLogsPortalSwitch() throws Exception {
        bed.fake.closeGatewayOnIdentify(4014, "Disallowed intent(s).");
        DiscordAdapter adapter = new DiscordAdapter(bed.settings(Set.of()), new RecordingHandler());

        assertThatThrownBy(() -> adapter.start(DiscordTestBed.WAIT))
                .isInstanceOfSatisfying(DiscordStartException.class, e ->
                        assertThat(e.reason()).isEqualTo(DiscordStartException.Reason.DISALLOWED_INTENTS))
                .hasMessageContaining("turn on \"Message Content Intent\" under Bot → Privileged Gateway Intents"
                        + " in the Discord developer portal");

        List<ILoggingEvent> errors = logs.list.stream().filter(event -> event.getLevel() == Level.ERROR).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getFormattedMessage()).contains(
                "turn on \"Message Content Intent\" under Bot → Privileged Gateway Intents in the Discord developer portal");
        assertThat(bed.fake.identifyPayloads()).hasSize(1);
        adapter.close();
    }

    @Test
    void rejectedTokenFailsStart() throws Exception {
        bed.fake.failNext("GET", "users/@me", 1, 401, 0, "401: Unauthorized");
        DiscordAdapter adapter = new DiscordAdapter(bed.settings(Set.of()), new RecordingHandler());

        assertThatThrownBy(() -> adapter.start(DiscordTestBed.WAIT))
                .isInstanceOfSatisfying(DiscordStartException.class, e ->
                        assertThat(e.reason()).isEqualTo(DiscordStartException.Reason.INVALID_TOKEN))
                .hasMessageContaining("DISCORD_BOT_TOKEN")
                .hasMessageNotContaining(FakeDiscordServer.BOT_TOKEN);
        assertThat(bed.fake.identifyPayloads()).isEmpty();
    }

    @Test
    void unreachableApiFailsStart() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        DiscordSettings settings = new DiscordSettings(FakeDiscordServer.BOT_TOKEN,
                "http://127.0.0.1:" + closedPort + "/api/v10/", bed.fake.gatewayUrl(), null, Set.of(), Set.of());
        DiscordAdapter adapter = new DiscordAdapter(settings, new RecordingHandler());

        assertThatThrownBy(() -> adapter.start(DiscordTestBed.WAIT))
                .isInstanceOfSatisfying(DiscordStartException.class, e ->
                        assertThat(e.reason()).isEqualTo(DiscordStartException.Reason.UNREACHABLE))
                .hasMessageContaining("http://127.0.0.1:" + closedPort + "/api/v10/");
    }

    @Test
    void emptyTokenIsRejected() {
        DiscordSettings settings = new DiscordSettings("", bed.fake.apiUrl(), bed.fake.gatewayUrl(), null,
                Set.of(), Set.of());

        assertThatThrownBy(() -> new DiscordAdapter(settings, new RecordingHandler()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DISCORD_BOT_TOKEN");
    }

    @Test
    void secondStartIsRejected() throws Exception {
        DiscordAdapter adapter = bed.start(new RecordingHandler());

        assertThatThrownBy(() -> adapter.start(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
