package io.chatbridge.conversation;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The in-memory view of conversations (Caffeine), bounded by total tokens and idle time, reading
 * through to and writing through a {@link ConversationStore}. Thread-safe; the engine serializes
 * turns of one conversation, so appends to one key never race.
 *
 * <p>Each cached conversation keeps at most its newest {@code maxTurns} turns (default
 * {@value #DEFAULT_MAX_TURNS}), and the store keeps the whole history. Every message costs at least
 * 4 prompt tokens (3 framing and 1 role), so a prompt budget of B tokens never uses more than B / 4
 * history turns. The default covers the default budget of 8000 tokens, and a larger budget needs
 * a {@code maxTurns} of at least its quarter. A conversation weighs the sum of its turns'
 * {@link Turn#tokens()}, at least 1. When the total passes {@code maxTokens}, Caffeine evicts the
 * conversations that its frequency and recency policy ranks lowest. A single
 * conversation heavier than {@code maxTokens} is evicted at Caffeine's next maintenance after it
 * is loaded rather than pinned, so it is read from the store on almost every use.
 *
 * <p>NOTE: weight counts tokens, not bytes. A {@code data:} URL image weighs its token cost
 * (2833 or more on gpt-4o-mini) but may take megabytes of heap.
 *
 * <p>A store failure ({@link io.chatbridge.storage.StorageException}) passes to the caller and
 * leaves the cache as it was.
 */
public final class ConversationCache {

    /** The maximum turns kept in memory per conversation by the three-argument constructor. */
    public static final int DEFAULT_MAX_TURNS = 2000;

    private final ConversationStore store;
    private final int maxTurns;
    private final LoadingCache<ConversationKey, List<Turn>> cache;

    /**
     * Creates a cache that keeps at most {@value #DEFAULT_MAX_TURNS} turns per conversation and
     * measures idle time with the system clock.
     *
     * @param store the durable store
     * @param maxTokens the maximum tokens kept across all cached conversations, at least 1
     * @param idleExpiry how long an unused conversation stays cached, positive
     * @throws IllegalArgumentException when a limit is out of range
     */
    public ConversationCache(ConversationStore store, long maxTokens, Duration idleExpiry) {
        this(store, maxTokens, idleExpiry, DEFAULT_MAX_TURNS, Ticker.systemTicker());
    }

    /**
     * Creates a cache with a turn limit and a time source. Tests pass a ticker that they advance
     * by hand.
     *
     * @param store the durable store
     * @param maxTokens the maximum tokens kept across all cached conversations, at least 1
     * @param idleExpiry how long an unused conversation stays cached, positive
     * @param maxTurns the maximum turns kept in memory per conversation, at least 1
     * @param ticker the source of nanosecond time for idle expiry
     * @throws IllegalArgumentException when a limit is out of range
     */
    public ConversationCache(
            ConversationStore store, long maxTokens, Duration idleExpiry, int maxTurns, Ticker ticker) {
        this.store = Objects.requireNonNull(store, "store");
        Objects.requireNonNull(ticker, "ticker");
        validate(maxTokens, idleExpiry, maxTurns);
        this.maxTurns = maxTurns;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxTokens)
                .weigher(ConversationCache::weigh)
                .expireAfterAccess(idleExpiry)
                .ticker(ticker)
                .recordStats()
                .build(key -> List.copyOf(store.load(key, maxTurns)));
    }

    /**
     * Returns a conversation's newest turns (at most {@code maxTurns}), oldest first, loading them
     * from the store on a miss.
     *
     * @throws io.chatbridge.storage.StorageException when loading fails
     */
    public List<Turn> history(ConversationKey key) {
        return cache.get(key);
    }

    /**
     * Appends turns to the store, then to the cached copy if the conversation is cached. A
     * conversation that is not cached is left out, so the next {@link #history} reads it whole.
     *
     * @throws io.chatbridge.storage.StorageException when the store fails, and then the cache is
     *     unchanged
     */
    public void append(ConversationKey key, List<Turn> turns) {
        if (turns.isEmpty()) {
            return;
        }
        store.append(key, turns);
        cache.asMap().computeIfPresent(key, (ignored, cached) -> newestTurns(cached, turns));
    }

    /**
     * Deletes a conversation from the store and the cache.
     *
     * @throws io.chatbridge.storage.StorageException when the store fails, and then the cache is
     *     unchanged
     */
    public void clear(ConversationKey key) {
        store.clear(key);
        cache.invalidate(key);
    }

    /** Returns about how many conversations are cached; Caffeine's estimate, which may count expired ones. */
    public long estimatedSize() {
        return cache.estimatedSize();
    }

    /** Returns the tokens cached across all conversations, the weight that {@code maxTokens} bounds. */
    public long weightedTokens() {
        // The cache is always built with a maximum weight, so the eviction policy and its weight exist.
        return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** Returns how many {@link #history} calls found the conversation cached, since the cache was made. */
    public long hitCount() {
        return cache.stats().hitCount();
    }

    /** Returns how many {@link #history} calls read the conversation from the store, since the cache was made. */
    public long missCount() {
        return cache.stats().missCount();
    }

    /** Runs Caffeine's pending eviction and expiry work now, so tests can observe it. */
    void cleanUp() {
        cache.cleanUp();
    }

    /** Returns whether a conversation is cached now, without loading it or counting an access. */
    boolean isCached(ConversationKey key) {
        return cache.policy().getIfPresentQuietly(key) != null;
    }

    private List<Turn> newestTurns(List<Turn> cached, List<Turn> added) {
        List<Turn> all = new ArrayList<>(cached.size() + added.size());
        all.addAll(cached);
        all.addAll(added);
        return List.copyOf(all.subList(Math.max(0, all.size() - maxTurns), all.size()));
    }

    static int weigh(ConversationKey key, List<Turn> turns) {
        long tokens = 0;
        for (Turn turn : turns) {
            tokens += Math.max(0, turn.tokens());
        }
        // Caffeine takes an int, and an empty history still takes an entry, so the weight is 1 or more.
        return Math.clamp(tokens, 1, Integer.MAX_VALUE);
    }

    private static void validate(long maxTokens, Duration idleExpiry, int maxTurns) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        }
        if (idleExpiry.isNegative() || idleExpiry.isZero()) {
            throw new IllegalArgumentException("idleExpiry must be positive, was " + idleExpiry);
        }
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be at least 1, was " + maxTurns);
        }
    }
}
