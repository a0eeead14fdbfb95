package io.chatbridge.discord;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.testing.FakeDiscordServer;
import io.chatbridge.testing.RecordedDiscordRequest;
import io.chatbridge.testing.ReliabilityReport;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discord REST faults on sends and edits, through real JDA and the fake's REST API. */
class DiscordFaultTest {

    private static final ReliabilityReport report = ReliabilityReport.forClass(DiscordFaultTest.class);
    private static final String GENERAL_MESSAGES = "channels/" + FakeDiscordServer.GENERAL_CHANNEL_ID + "/messages";

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
    void rateLimitedEditsAreRetriedByJda() throws Exception {
        String answer = "Delivered after two rate-limited edits.";
        bed.fake.rateLimitNext("PATCH", GENERAL_MESSAGES + "/\\d+", 2);
        bed.start(new RecordingHandler(new StreamingAnswer(answer)));

        bed.fake.dispatchFixture("message_guild_mention.json");
        bed.fake.awaitRequest(request -> request.is("PATCH", GENERAL_MESSAGES + "/\\d+") && request.status() == 200,
                DiscordTestBed.WAIT);

        List<RecordedDiscordRequest> patches = bed.fake.requests("PATCH", GENERAL_MESSAGES + "/\\d+");
        assertThat(patches).extracting(RecordedDiscordRequest::status).containsExactly(429, 429, 200);
        assertThat(patches).extracting(RecordedDiscordRequest::content).containsOnly(answer);
        Duration waited = Duration.between(patches.get(0).receivedAt(), patches.get(2).receivedAt());
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID)).containsExactly(answer);
        report.record("Discord edits", "PATCH message answered 429 (retry_after 1.25 s)", 2,
                "JDA waited out each limit and sent the same edit again; the final text was shown", 1, 1, 0);
    }

    @Test
    void serverErrorOnSendIsRetried() throws Exception {
        String answer = "Delivered after a 502.";
        bed.fake.failNext("POST", GENERAL_MESSAGES, 1, 502, 0, "Bad Gateway");
        bed.start(new RecordingHandler(new StreamingAnswer(answer)));

        bed.fake.dispatchFixture("message_guild_mention.json");
        bed.fake.awaitRequest("PATCH", GENERAL_MESSAGES + "/\\d+", DiscordTestBed.WAIT);

        assertThat(bed.fake.requests("POST", GENERAL_MESSAGES)).extracting(RecordedDiscordRequest::status)
                .containsExactly(502, 200);
        assertThat(bed.fake.channelMessages(FakeDiscordServer.GENERAL_CHANNEL_ID)).containsExactly(answer);
        report.record("Discord sends", "POST message answered HTTP 502", 1,
                "JDA sent the request again; the answer was shown", 1, 1, 0);
    }
}
