package io.chatbridge.reply;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EditPacerTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final EditPacer pacer = new EditPacer(clock);

    @Test
    void unknownChatHasNoWait() {
        assertThat(pacer.nextAllowed("telegram:1")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void recordDelaysNextCallByInterval() {
        pacer.record("telegram:1", Duration.ofSeconds(3));

        assertThat(pacer.nextAllowed("telegram:1")).isEqualTo(START.plusSeconds(3));
    }

    @Test
    void chatsArePacedSeparately() {
        pacer.record("telegram:1", Duration.ofSeconds(3));

        assertThat(pacer.nextAllowed("telegram:2")).isEqualTo(Instant.EPOCH);
        assertThat(pacer.nextAllowed("discord:1")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void recordDoesNotShortenBackOff() {
        pacer.backOff("telegram:1", Duration.ofSeconds(7));
        clock.advance(Duration.ofSeconds(1));

        pacer.record("telegram:1", Duration.ofSeconds(1));

        assertThat(pacer.nextAllowed("telegram:1")).isEqualTo(START.plusSeconds(7));
    }

    @Test
    void backOffExtendsRecordedInterval() {
        pacer.record("telegram:1", Duration.ofSeconds(1));

        pacer.backOff("telegram:1", Duration.ofSeconds(7));

        assertThat(pacer.nextAllowed("telegram:1")).isEqualTo(START.plusSeconds(7));
    }

    @Test
    void shorterBackOffKeepsLaterTime() {
        pacer.backOff("telegram:1", Duration.ofSeconds(7));

        pacer.backOff("telegram:1", Duration.ofSeconds(2));

        assertThat(pacer.nextAllowed("telegram:1")).isEqualTo(START.plusSeconds(7));
    }

    @Test
    void entriesAreDroppedOncePassed() {
        pacer.record("telegram:1", Duration.ofSeconds(1));
        pacer.backOff("telegram:2", Duration.ofSeconds(30));
        assertThat(pacer.trackedChats()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(2));
        assertThat(pacer.trackedChats()).isEqualTo(1);
        assertThat(pacer.nextAllowed("telegram:1")).isEqualTo(Instant.EPOCH);

        clock.advance(Duration.ofSeconds(30));
        assertThat(pacer.trackedChats()).isZero();
    }

    @Test
    void negativeIntervalIsRejected() {
        assertThatThrownBy(() -> pacer.record("telegram:1", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must not be negative, was PT-1S");
    }

    @Test
    void blankChatRefIsRejected() {
        assertThatThrownBy(() -> pacer.nextAllowed(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chatRef must not be blank; pass platform:chatId");
    }

    @Test
    void concurrentCallsKeepLatestTime() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int seconds = t + 1;
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < 1_000; i++) {
                        pacer.record("telegram:shared", Duration.ofSeconds(seconds));
                        pacer.record("telegram:" + seconds + ":" + i, Duration.ofSeconds(1));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(pacer.nextAllowed("telegram:shared")).isEqualTo(START.plusSeconds(threads));
        assertThat(pacer.trackedChats()).isEqualTo(threads * 1_000 + 1);
    }
}
