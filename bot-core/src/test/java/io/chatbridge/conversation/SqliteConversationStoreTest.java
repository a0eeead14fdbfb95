package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.engine.Platform;
import io.chatbridge.model.ContentPart;
import io.chatbridge.model.Role;
import io.chatbridge.storage.Database;
import io.chatbridge.storage.StorageException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConversationStoreTest {

    private static final ConversationKey GROUP = new ConversationKey(Platform.TELEGRAM, "-100123", null, null);
    private static final ConversationKey MEMBER = new ConversationKey(Platform.TELEGRAM, "-100123", "7", "42");
    private static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    @TempDir
    Path dir;

    private Path file;
    private Database database;
    private SqliteConversationStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("data/chatbridge.db");
        database = Database.open(file);
        store = new SqliteConversationStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void roundTripKeepsEveryField() {
        ContentPart.Image photo = new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", "low", 2833);
        ContentPart.Image chart = new ContentPart.Image("https://example.invalid/chart.png", "high", 25501);
        Turn question = new Turn(Role.USER, "What is on these?", List.of(photo, chart), 28350, T0, TurnStatus.COMPLETE);
        Turn answer = new Turn(Role.ASSISTANT, "A cat and a chart, but the stream bro", List.of(), 12,
                T0.plusSeconds(4), TurnStatus.INTERRUPTED);

        store.append(GROUP, List.of(question, answer));

        assertThat(store.load(GROUP)).containsExactly(question, answer);
    }

    @Test
    void imagesAreStoredAsJsonList() {
        ContentPart.Image photo = new ContentPart.Image("data:image/png;base64,AAAA", "low", 2833);
        store.append(GROUP, List.of(userTurn("look", List.of(photo))));
        store.append(GROUP, List.of(userTurn("no image")));

        assertThat(column("images")).containsExactly(
                "[{\"url\":\"data:image/png;base64,AAAA\",\"detail\":\"low\",\"tokens\":2833}]",
                "[]");
        assertThat(column("role")).containsExactly("user", "user");
        assertThat(column("status")).containsExactly("complete", "complete");
        assertThat(column("conversation")).containsExactly("telegram:-100123", "telegram:-100123");
    }

    @Test
    void appendContinuesSequence() {
        store.append(GROUP, List.of(userTurn("one"), assistantTurn("two")));
        store.append(GROUP, List.of(userTurn("three")));

        assertThat(store.load(GROUP)).extracting(Turn::text).containsExactly("one", "two", "three");
        assertThat(column("seq")).containsExactly("1", "2", "3");
    }

    @Test
    void appendOfNothingWritesNothing() {
        store.append(GROUP, List.of());

        assertThat(store.load(GROUP)).isEmpty();
    }

    @Test
    void conversationsAreSeparate() {
        store.append(GROUP, List.of(userTurn("in the group")));
        store.append(MEMBER, List.of(userTurn("in a topic, per member")));

        assertThat(store.load(GROUP)).extracting(Turn::text).containsExactly("in the group");
        assertThat(store.load(MEMBER)).extracting(Turn::text).containsExactly("in a topic, per member");
        assertThat(column("seq")).containsExactly("1", "1");
    }

    @Test
    void dataSurvivesReopen() {
        Turn turn = userTurn("remember me");
        store.append(GROUP, List.of(turn));
        database.close();

        database = Database.open(file);
        store = new SqliteConversationStore(database);

        assertThat(store.load(GROUP)).containsExactly(turn);
        assertThat(database.schemaVersion()).isEqualTo(io.chatbridge.storage.Migrations.all().size());
    }

    @Test
    void clearDeletesOnlyThatConversation() {
        store.append(GROUP, List.of(userTurn("a"), assistantTurn("b")));
        store.append(MEMBER, List.of(userTurn("c")));

        store.clear(GROUP);

        assertThat(store.load(GROUP)).isEmpty();
        assertThat(store.load(MEMBER)).extracting(Turn::text).containsExactly("c");
    }

    @Test
    void appendAfterClearStartsAtOne() {
        store.append(GROUP, List.of(userTurn("a"), assistantTurn("b")));
        store.clear(GROUP);

        store.append(GROUP, List.of(userTurn("fresh")));

        assertThat(column("seq")).containsExactly("1");
    }

    @Test
    void loadNewestReturnsTailOldestFirst() {
        for (int i = 1; i <= 7; i++) {
            store.append(GROUP, List.of(userTurn("turn " + i)));
        }

        assertThat(store.load(GROUP, 3)).extracting(Turn::text).containsExactly("turn 5", "turn 6", "turn 7");
        assertThat(store.load(GROUP, 50)).hasSize(7);
        assertThatThrownBy(() -> store.load(GROUP, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTurns must be at least 1, was 0");
    }

    @Test
    void concurrentAppendsAllLand() throws Exception {
        int conversations = 8;
        int turnsEach = 25;
        List<Future<?>> tasks = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < conversations; c++) {
                ConversationKey key = new ConversationKey(Platform.DISCORD, "channel-" + c, null, null);
                tasks.add(executor.submit(() -> {
                    for (int i = 0; i < turnsEach; i++) {
                        store.append(key, List.of(userTurn("message " + i)));
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
        }

        for (int c = 0; c < conversations; c++) {
            List<Turn> turns = store.load(new ConversationKey(Platform.DISCORD, "channel-" + c, null, null));
            assertThat(turns).hasSize(turnsEach);
            assertThat(turns.getFirst().text()).isEqualTo("message 0");
            assertThat(turns.getLast().text()).isEqualTo("message " + (turnsEach - 1));
        }
    }

    @Test
    void invalidRoleNamesRow() {
        store.append(GROUP, List.of(userTurn("hello")));
        updateRows("UPDATE turns SET role = 'bot'");

        assertThatThrownBy(() -> store.load(GROUP))
                .isInstanceOf(StorageException.class)
                .hasMessage("Could not load conversation telegram:-100123 in database " + file.toAbsolutePath()
                        + ": turn 1 of conversation telegram:-100123 has unknown role 'bot'");
    }

    @Test
    void invalidImagesNameRow() {
        store.append(GROUP, List.of(userTurn("hello")));
        updateRows("UPDATE turns SET images = '[{\"detail\":\"low\",\"tokens\":1}]'");

        assertThatThrownBy(() -> store.load(GROUP))
                .isInstanceOf(StorageException.class)
                .hasMessage("Could not load conversation telegram:-100123 in database " + file.toAbsolutePath()
                        + ": turn 1 of conversation telegram:-100123 has invalid images JSON (an image lacks url"
                        + " or detail). The column must contain a list of {url, detail, tokens} objects");
    }

    private void updateRows(String sql) {
        database.write("corrupt rows", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.executeUpdate();
            }
        });
    }

    private List<String> column(String name) {
        return database.read("read column " + name, connection -> {
            List<String> values = new ArrayList<>();
            String sql = "SELECT " + name + " FROM turns ORDER BY conversation, seq";
            try (PreparedStatement select = connection.prepareStatement(sql); ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        });
    }

    private static Turn userTurn(String text) {
        return userTurn(text, List.of());
    }

    private static Turn userTurn(String text, List<ContentPart.Image> images) {
        return new Turn(Role.USER, text, images, 10, T0, TurnStatus.COMPLETE);
    }

    private static Turn assistantTurn(String text) {
        return new Turn(Role.ASSISTANT, text, List.of(), 10, T0.plus(Duration.ofSeconds(1)), TurnStatus.COMPLETE);
    }
}
