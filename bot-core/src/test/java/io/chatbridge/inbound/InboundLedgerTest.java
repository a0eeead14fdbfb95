package io.chatbridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.engine.Platform;
import io.chatbridge.inbound.InboundLedger.Claim;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboundLedgerTest {

    @TempDir
    Path dir;

    private final StepClock clock = new StepClock(Instant.parse("2026-01-10T08:00:00Z"));
    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("chatbridge.db"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private int rows() {
        return database.read("count", connection -> {
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM inbound_messages")) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    @Test
    void messageIsNewThenInProgressThenFinished() {
        InboundLedger ledger = new InboundLedger(database, clock);

        assertThat(ledger.claim(Platform.TELEGRAM, "100", "7")).isEqualTo(Claim.NEW);
        assertThat(ledger.claim(Platform.TELEGRAM, "100", "7")).isEqualTo(Claim.IN_PROGRESS);
        ledger.finish(Platform.TELEGRAM, "100", "7");
        assertThat(ledger.claim(Platform.TELEGRAM, "100", "7")).isEqualTo(Claim.FINISHED);
    }

    @Test
    void keyIncludesPlatformAndChat() {
        InboundLedger ledger = new InboundLedger(database, clock);
        ledger.claim(Platform.TELEGRAM, "100", "7");

        assertThat(ledger.claim(Platform.TELEGRAM, "101", "7")).isEqualTo(Claim.NEW);
        assertThat(ledger.claim(Platform.DISCORD, "100", "7")).isEqualTo(Claim.NEW);
    }

    @Test
    void finishedMessageStaysFinishedAfterRestart() {
        InboundLedger first = new InboundLedger(database, clock);
        first.claim(Platform.TELEGRAM, "100", "7");
        first.finish(Platform.TELEGRAM, "100", "7");

        InboundLedger second = new InboundLedger(database, clock);

        assertThat(second.claim(Platform.TELEGRAM, "100", "7")).isEqualTo(Claim.FINISHED);
        assertThat(second.unfinishedFromEarlierRuns()).isZero();
    }

    @Test
    void unfinishedEarlierMessageIsHandledAgain() {
        InboundLedger first = new InboundLedger(database, clock);
        first.claim(Platform.TELEGRAM, "100", "7");

        InboundLedger second = new InboundLedger(database, clock);

        assertThat(second.unfinishedFromEarlierRuns()).isEqualTo(1);
        assertThat(second.claim(Platform.TELEGRAM, "100", "7")).isEqualTo(Claim.UNFINISHED_EARLIER);
        assertThat(second.claim(Platform.TELEGRAM, "100", "7")).isEqualTo(Claim.IN_PROGRESS);
        assertThat(second.unfinishedFromEarlierRuns()).isZero();
    }

    @Test
    void pruneDeletesMessagesPastRetention() {
        InboundLedger ledger = new InboundLedger(database, clock, Duration.ofDays(2), 100);
        ledger.claim(Platform.TELEGRAM, "100", "1");
        clock.advance(Duration.ofDays(1));
        ledger.claim(Platform.TELEGRAM, "100", "2");
        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(ledger.prune()).isEqualTo(1);

        assertThat(rows()).isEqualTo(1);
        assertThat(ledger.claim(Platform.TELEGRAM, "100", "2")).isEqualTo(Claim.IN_PROGRESS);
        assertThat(ledger.claim(Platform.TELEGRAM, "100", "1")).isEqualTo(Claim.NEW);
    }

    @Test
    void pruneKeepsTheNewestRowsWithinLimit() {
        InboundLedger ledger = new InboundLedger(database, clock, Duration.ofDays(7), 3);
        for (int i = 1; i <= 5; i++) {
            ledger.claim(Platform.TELEGRAM, "100", String.valueOf(i));
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(ledger.prune()).isEqualTo(2);

        assertThat(rows()).isEqualTo(3);
        assertThat(ledger.claim(Platform.TELEGRAM, "100", "5")).isEqualTo(Claim.IN_PROGRESS);
        assertThat(ledger.claim(Platform.TELEGRAM, "100", "1")).isEqualTo(Claim.NEW);
    }

    @Test
    void claimsPruneByThemselves() {
        InboundLedger ledger = new InboundLedger(database, clock, Duration.ofDays(7), 10);
        for (int i = 0; i < InboundLedger.PRUNE_EVERY; i++) {
            ledger.claim(Platform.DISCORD, "200", String.valueOf(i));
        }

        assertThat(rows()).isEqualTo(10);
    }

    /** A clock that tests move by hand. */
    static final class StepClock extends Clock {
        private volatile Instant now;

        StepClock(Instant start) {
            now = start;
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
