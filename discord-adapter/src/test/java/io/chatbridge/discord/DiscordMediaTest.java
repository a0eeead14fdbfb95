package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatbridge.config.BotConfig;
import io.chatbridge.config.ConfigLoader;
import io.chatbridge.config.DiscordSettings;
import io.chatbridge.conversation.ConversationCache;
import io.chatbridge.conversation.SqliteChatSettingsStore;
import io.chatbridge.conversation.SqliteConversationStore;
import io.chatbridge.engine.Attachment;
import io.chatbridge.engine.ChatEngine;
import io.chatbridge.media.MediaException;
import io.chatbridge.model.HttpClients;
import io.chatbridge.model.OpenAiChatModel;
import io.chatbridge.storage.Database;
import io.chatbridge.testing.Await;
import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.FakeOpenAiServer;
import io.chatbridge.testing.Fixtures;
import io.chatbridge.testing.MediaSamples;
import io.chatbridge.time.ExecutorTaskScheduler;
import io.chatbridge.time.Sleeper;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discord attachments through real JDA, the engine and the model client, against the local fakes. */
class DiscordMediaTest {

    private static final String PHOTO_PATH = "1300000000000000200/1300000000000002001/photo.png";

    @TempDir
    Path dataDir;

    private final ObjectMapper json = new ObjectMapper();
    private DiscordTestBed bed;
    private FakeOpenAiServer openAi;
    private Database database;
    private ExecutorTaskScheduler scheduler;
    private ChatEngine engine;

    @AfterEach
    void stop() {
        if (bed != null) {
            bed.close();
        }
        if (engine != null) {
            engine.close();
            scheduler.close();
            database.close();
        }
        if (openAi != null) {
            openAi.close();
        }
    }

    @Test
    void imageAttachmentReachesModelAsImage() throws Exception {
        startBot();
        bed.fake.addAttachment(PHOTO_PATH, Fixtures.bytes("media/gradient_64x48.png"), "image/png");

        bed.fake.dispatch("MESSAGE_CREATE", withPort(bed.fake.fixture("message_guild_mention_image.json").path("d")));

        Await.until(DiscordTestBed.WAIT, "the answer in #general", () -> bed.fake
                .channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID).contains(FakeOpenAiServer.DEFAULT_ANSWER));
        JsonNode messages = openAi.awaitRequest(DiscordTestBed.WAIT).jsonBody().path("messages");
        JsonNode content = messages.get(messages.size() - 1).path("content");
        assertThat(content.get(0).path("text").asText()).isEqualTo("what is in this image?");
        assertThat(content.get(1).path("type").asText()).isEqualTo("image_url");
        BufferedImage sent = MediaSamples.decodeDataUrl(content.get(1).path("image_url").path("url").asText());
        assertThat(sent.getWidth()).isEqualTo(64);
        assertThat(sent.getHeight()).isEqualTo(48);
    }

    @Test
    void attachmentOnAnotherHostIsNotFetched() throws Exception {
        bed = new DiscordTestBed();
        DiscordMediaDownloader downloader = new DiscordMediaDownloader(bed.settings(Set.of()));
        Attachment elsewhere = new Attachment(Attachment.Kind.IMAGE, "http://169.254.169.254/latest/meta-data",
                "image/png", "photo.png", 10);

        assertThatThrownBy(() -> downloader.download(elsewhere, 1000))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.DOWNLOAD_FAILED))
                .hasMessageContaining("169.254.169.254");
    }

    @Test
    void cdnOverPlainHttpIsNotFetched() throws Exception {
        bed = new DiscordTestBed();
        DiscordMediaDownloader downloader = new DiscordMediaDownloader(bed.settings(Set.of()));
        Attachment plain = new Attachment(Attachment.Kind.IMAGE, "http://cdn.discordapp.com/attachments/1/2/a.png",
                "image/png", "a.png", 10);

        assertThatThrownBy(() -> downloader.download(plain, 1000))
                .isInstanceOfSatisfying(MediaException.class,
                        e -> assertThat(e.reason()).isEqualTo(MediaException.Reason.DOWNLOAD_FAILED));
    }

    private void startBot() throws Exception {
        bed = new DiscordTestBed();
        openAi = new FakeOpenAiServer();
        BotConfig config = ConfigLoader.load(null, Map.of(
                "OPENAI_API_KEY", "sk-test-placeholder-key",
                "OPENAI_BASE_URL", openAi.baseUrl(),
                "CHATBRIDGE_DATA_DIR", dataDir.toString(),
                "CHATBRIDGE_OPENAI_MAX_RETRIES", "0"));
        database = Database.open(dataDir.resolve("chatbridge.db"));
        scheduler = new ExecutorTaskScheduler();
        var http = HttpClients.create(Duration.ofSeconds(5), Duration.ofSeconds(10), null);
        engine = ChatEngine.builder()
                .config(config)
                .model(new OpenAiChatModel(config.openAi(), http, Clock.systemUTC(), Sleeper.SYSTEM))
                .cache(new ConversationCache(new SqliteConversationStore(database), 1_000_000, Duration.ofHours(1)))
                .settingsStore(new SqliteChatSettingsStore(database))
                .scheduler(scheduler)
                .build();
        DiscordSettings settings = bed.settings(Set.of());
        bed.start(engine, settings);
    }

    private JsonNode withPort(JsonNode data) throws Exception {
        return json.readTree(data.toString().replace("127.0.0.1:PORT", "127.0.0.1:" + bed.fake.port()));
    }
}
