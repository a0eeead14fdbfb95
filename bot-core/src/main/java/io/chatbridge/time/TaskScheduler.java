package io.chatbridge.time;

import java.time.Duration;

/** Runs tasks after a delay. Tests use a manual implementation that runs them on demand. */
public interface TaskScheduler {

    /**
     * Schedules a task.
     *
     * @return a handle that cancels the task if it has not started
     */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that can be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }
}
