package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.testing.FakeDiscordServer;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DiscordTokenCheckTest {

    private DiscordTestBed bed;

    @BeforeEach
    void startFake() throws Exception {
        bed = new DiscordTestBed();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void validTokenReturnsBotAccount() throws Exception {
        DiscordTokenCheck.BotAccount account = DiscordTokenCheck.verify(bed.settings(Set.of()), DiscordTestBed.WAIT);

        assertThat(account).isEqualTo(new DiscordTokenCheck.BotAccount(FakeDiscordServer.BOT_USER_ID, "ChatBridge"));
        assertThat(bed.fake.requests()).hasSize(1);
        assertThat(bed.fake.requests().get(0).is("GET", "users/@me")).isTrue();
        assertThat(bed.fake.identifyPayloads()).isEmpty();
    }

    @Test
    void rejectedTokenIsInvalidToken() {
        bed.fake.failNext("GET", "users/@me", 1, 401, 0, "401: Unauthorized");

        assertThatThrownBy(() -> DiscordTokenCheck.verify(bed.settings(Set.of()), DiscordTestBed.WAIT))
                .isInstanceOfSatisfying(DiscordStartException.class, e ->
                        assertThat(e.reason()).isEqualTo(DiscordStartException.Reason.INVALID_TOKEN))
                .hasMessageNotContaining(FakeDiscordServer.BOT_TOKEN);
    }

    @Test
    void serverErrorIsUnreachable() {
        bed.fake.failNext("GET", "users/@me", 1, 502, 0, "Bad Gateway");

        assertThatThrownBy(() -> DiscordTokenCheck.verify(bed.settings(Set.of()), DiscordTestBed.WAIT))
                .isInstanceOfSatisfying(DiscordStartException.class, e ->
                        assertThat(e.reason()).isEqualTo(DiscordStartException.Reason.UNREACHABLE))
                .hasMessageContaining("HTTP 502");
    }
}
