package io.chatbridge.engine;

import io.chatbridge.time.TaskScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler that runs nothing until the test says so. */
final class ManualScheduler implements TaskScheduler {

    private record Entry(Runnable task, Duration delay, boolean[] cancelled) {}

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized Cancellable schedule(Runnable task, Duration delay) {
        boolean[] cancelled = {false};
        entries.add(new Entry(task, delay, cancelled));
        return () -> {
            synchronized (ManualScheduler.this) {
                cancelled[0] = true;
            }
        };
    }

    /** Runs every task scheduled so far that was not cancelled, and forgets them. */
    void runPending() {
        List<Entry> due;
        synchronized (this) {
            due = new ArrayList<>(entries);
            entries.clear();
        }
        for (Entry entry : due) {
            boolean cancelled;
            synchronized (this) {
                cancelled = entry.cancelled()[0];
            }
            if (!cancelled) {
                entry.task().run();
            }
        }
    }

    /** Returns the delays of tasks waiting and not cancelled. */
    synchronized List<Duration> pendingDelays() {
        return entries.stream().filter(entry -> !entry.cancelled()[0]).map(Entry::delay).toList();
    }
}
