package io.chatbridge.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessListsTest {

    @TempDir
    Path dir;

    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private Gatekeeper gatekeeper(AccessLists access) {
        database = Database.open(dir.resolve("chatbridge.db"));
        UsageSettings settings = UsageSetup.settings(Budgets.NONE, UsageSetup.NO_RATE_LIMIT, Set.of(), access);
        return UsageService.create(database, settings, Clock.systemUTC()).gatekeeper();
    }

    @Test
    void openListsAllowEveryone() {
        Gatekeeper gatekeeper = gatekeeper(AccessLists.OPEN);

        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.GROUP, "101", "Alice"), false)).isTrue();
        assertThat(gatekeeper.allows(Chats.directMessage("202", "Bob"), false)).isTrue();
    }

    @Test
    void blockedUserGetsNoAnswerAnywhere() {
        Gatekeeper gatekeeper = gatekeeper(new AccessLists(Set.of(), Set.of("telegram:666"), Set.of(), Set.of()));

        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.GROUP, "666", "Spammer"), false)).isFalse();
        assertThat(gatekeeper.allows(Chats.directMessage("666", "Spammer"), false)).isFalse();
        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.GROUP, "101", "Alice"), false)).isTrue();
    }

    @Test
    void blockedIdOnOnePlatformDoesNotBlockTheSameIdOnAnother() {
        Gatekeeper gatekeeper = gatekeeper(new AccessLists(Set.of(), Set.of("discord:666"), Set.of(), Set.of()));

        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.GROUP, "666", "Someone"), false)).isTrue();
    }

    @Test
    void allowedChatsListSilencesOtherGroupsButNotDirectChats() {
        Gatekeeper gatekeeper = gatekeeper(new AccessLists(Set.of(), Set.of(), Set.of("telegram:" + Chats.GROUP),
                Set.of()));

        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.GROUP, "101", "Alice"), false)).isTrue();
        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.OTHER_GROUP, "101", "Alice"), false)).isFalse();
        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.OTHER_GROUP, "1", "Admin"), true)).isFalse();
        assertThat(gatekeeper.allows(Chats.directMessage("101", "Alice"), false)).isTrue();
    }

    @Test
    void allowedUsersListSilencesOthersButNotAdmins() {
        Gatekeeper gatekeeper = gatekeeper(new AccessLists(Set.of("telegram:101"), Set.of(), Set.of(), Set.of()));

        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.GROUP, "101", "Alice"), false)).isTrue();
        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.GROUP, "202", "Bob"), false)).isFalse();
        assertThat(gatekeeper.allows(Chats.directMessage("202", "Bob"), false)).isFalse();
        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.GROUP, "1", "Admin"), true)).isTrue();
    }

    @Test
    void blockedChatSilencesAdminsToo() {
        Gatekeeper gatekeeper = gatekeeper(new AccessLists(Set.of(), Set.of(), Set.of(),
                Set.of("telegram:" + Chats.GROUP)));
        InboundMessage fromAdmin = Chats.groupMessage(Chats.GROUP, "1", "Admin");

        assertThat(gatekeeper.allows(fromAdmin, true)).isFalse();
        assertThat(gatekeeper.allows(Chats.groupMessage(Chats.OTHER_GROUP, "101", "Alice"), false)).isTrue();
    }

    @Test
    void idWithoutPlatformIsRejected() {
        assertThatThrownBy(() -> new AccessLists(Set.of("123"), Set.of(), Set.of(), Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allow_users entry '123' must be platform:id with platform telegram, discord, console,"
                        + " such as telegram:123456789");
    }
}
