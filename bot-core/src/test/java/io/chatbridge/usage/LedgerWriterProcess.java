package io.chatbridge.usage;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The process that {@link LedgerKillTest} kills: records calls one after another and prints
 * {@code delivered N} after each record returns, as the engine reports an answer done only after
 * its call is recorded. Stops by itself after 100,000 calls or 60 seconds.
 */
public final class LedgerWriterProcess {

    private LedgerWriterProcess() {}

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (Database database = Database.open(file, Database.Synchronous.FULL)) {
            UsageService usage = UsageService.create(database, UsageSettings.defaults(), Clock.systemUTC());
            InboundMessage message = Chats.groupMessage(Chats.GROUP, "101", "Alice");
            for (int i = 1; i <= 100_000 && Instant.now().isBefore(deadline); i++) {
                usage.recorder().record(Chats.answered(message, Instant.now(), Chats.MODEL, new Usage(13, 0, 5, false)));
                System.out.println("delivered " + i);
                System.out.flush();
            }
        }
    }
}
