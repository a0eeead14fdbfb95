package io.chatbridge.reply;

import io.chatbridge.testing.ManualClock;
import io.chatbridge.time.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A sleeper that records each wait and advances a fake clock by it instead of blocking. */
final class RecordingSleeper implements Sleeper {

    private final ManualClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    RecordingSleeper(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        clock.advance(duration);
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }
}
