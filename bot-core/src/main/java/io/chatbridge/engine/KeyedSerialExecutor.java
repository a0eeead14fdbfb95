package io.chatbridge.engine;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time per key, in submission order, while tasks of different keys run in
 * parallel on the given executor. Thread-safe.
 *
 * <p>Each key keeps only the tail of its chain, removed once the chain drains, so idle keys cost
 * no memory.
 */
final class KeyedSerialExecutor<K> {

    private final Map<K, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Executor executor;

    KeyedSerialExecutor(Executor executor) {
        this.executor = executor;
    }

    /**
     * Queues a task behind earlier tasks of the same key.
     *
     * @return a future that completes when the task has run; it completes exceptionally only when
     *     the task threw
     */
    CompletableFuture<Void> submit(K key, Runnable task) {
        CompletableFuture<Void> queued = new CompletableFuture<>();
        pending.incrementAndGet();
        CompletableFuture<Void> tail = tails.compute(key, (k, previous) -> {
            CompletableFuture<Void> start = previous == null
                    ? CompletableFuture.completedFuture(null)
                    : previous.exceptionally(error -> null);
            return start.thenRunAsync(task, executor);
        });
        tail.whenComplete((ignored, error) -> {
            pending.decrementAndGet();
            tails.remove(key, tail);
            if (error != null) {
                queued.completeExceptionally(error);
            } else {
                queued.complete(null);
            }
        });
        return queued;
    }

    /** Returns how many keys have queued or running work. */
    int activeKeys() {
        return tails.size();
    }

    /** Returns how many tasks are queued or running across all keys. */
    int pendingTasks() {
        return pending.get();
    }
}
