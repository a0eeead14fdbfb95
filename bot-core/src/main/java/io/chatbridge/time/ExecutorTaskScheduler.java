package io.chatbridge.time;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TaskScheduler} on one platform timer thread that hands each task to a new virtual
 * thread, so a slow task never delays the others.
 */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

    private final ScheduledExecutorService timer;

    public ExecutorTaskScheduler() {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chatbridge-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = timer.schedule(
                () -> Thread.ofVirtual().name("chatbridge-task").start(() -> runLogged(task)),
                Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Scheduled task failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
