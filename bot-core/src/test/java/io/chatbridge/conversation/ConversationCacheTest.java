package io.chatbridge.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.chatbridge.engine.Platform;
import io.chatbridge.model.Role;
import io.chatbridge.storage.Database;
import io.chatbridge.storage.StorageException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConversationCacheTest {

    private static final ConversationKey KEY = new ConversationKey(Platform.DISCORD, "900", "thread-1", null);
    private static final ConversationKey OTHER = new ConversationKey(Platform.DISCORD, "901", null, null);
    private static final Duration IDLE = Duration.ofHours(6);
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private Database database;
    private CountingStore store;
    private FakeTicker ticker;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("chatbridge.db"));
        store = new CountingStore(new SqliteConversationStore(database));
        ticker = new FakeTicker();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void historyLoadsStoreOnce() {
        store.append(KEY, List.of(turn("stored before start", 10)));
        ConversationCache cache = cache(1_000_000, 500);

        assertThat(cache.history(KEY)).extracting(Turn::text).containsExactly("stored before start");
        assertThat(cache.history(KEY)).extracting(Turn::text).containsExactly("stored before start");
        assertThat(store.loads.get()).isEqualTo(1);
    }

    @Test
    void appendWritesStoreAndCachedCopy() {
        ConversationCache cache = cache(1_000_000, 500);
        cache.history(KEY);

        cache.append(KEY, List.of(turn("question", 10), turn("answer", 20)));

        assertThat(cache.history(KEY)).extracting(Turn::text).containsExactly("question", "answer");
        assertThat(store.loads.get()).isEqualTo(1);
        assertThat(store.load(KEY)).extracting(Turn::text).containsExactly("question", "answer");
    }

    @Test
    void appendSurvivesRestart() {
        cache(1_000_000, 500).append(KEY, List.of(turn("survives", 10)));
        database.close();

        database = Database.open(dir.resolve("chatbridge.db"));
        ConversationCache restarted = new ConversationCache(new SqliteConversationStore(database), 1_000_000, IDLE);

        assertThat(restarted.history(KEY)).extracting(Turn::text).containsExactly("survives");
    }

    @Test
    void appendSkipsUncachedConversation() {
        ConversationCache cache = cache(1_000_000, 500);
        store.append(KEY, List.of(turn("earlier", 10)));

        cache.append(KEY, List.of(turn("later", 10)));

        assertThat(store.loads.get()).isZero();
        assertThat(cache.isCached(KEY)).isFalse();
        assertThat(cache.history(KEY)).extracting(Turn::text).containsExactly("earlier", "later");
    }

    @Test
    void idleConversationExpires() {
        ConversationCache cache = cache(1_000_000, 500);
        cache.history(KEY);

        ticker.advance(IDLE.minusSeconds(1));
        cache.history(KEY);
        assertThat(store.loads.get()).isEqualTo(1);

        // The access above restarted the idle time.
        ticker.advance(IDLE.minusSeconds(1));
        assertThat(cache.isCached(KEY)).isTrue();

        ticker.advance(Duration.ofSeconds(1));
        assertThat(cache.isCached(KEY)).isFalse();
        cache.history(KEY);
        assertThat(store.loads.get()).isEqualTo(2);
    }

    @Test
    void clearDeletesStoreAndCache() {
        ConversationCache cache = cache(1_000_000, 500);
        cache.append(KEY, List.of(turn("forget me", 10)));
        cache.history(KEY);
        cache.append(OTHER, List.of(turn("keep me", 10)));

        cache.clear(KEY);

        assertThat(cache.isCached(KEY)).isFalse();
        assertThat(cache.history(KEY)).isEmpty();
        assertThat(store.load(KEY)).isEmpty();
        assertThat(cache.history(OTHER)).extracting(Turn::text).containsExactly("keep me");
    }

    @Test
    void keepsNewestTurnsUpToLimit() {
        for (int i = 1; i <= 5; i++) {
            store.append(KEY, List.of(turn("turn " + i, 10)));
        }
        ConversationCache cache = cache(1_000_000, 3);

        assertThat(cache.history(KEY)).extracting(Turn::text).containsExactly("turn 3", "turn 4", "turn 5");

        cache.append(KEY, List.of(turn("turn 6", 10)));

        assertThat(cache.history(KEY)).extracting(Turn::text).containsExactly("turn 4", "turn 5", "turn 6");
        assertThat(store.load(KEY)).hasSize(6);
    }

    @Test
    void oversizedConversationIsEvicted() {
        store.append(KEY, List.of(turn("huge", 150)));
        store.append(OTHER, List.of(turn("small", 10)));
        ConversationCache cache = cache(100, 500);

        cache.history(OTHER);
        assertThat(cache.history(KEY)).extracting(Turn::text).containsExactly("huge");
        cache.cleanUp();

        assertThat(cache.isCached(KEY)).isFalse();
        assertThat(cache.isCached(OTHER)).isTrue();
    }

    @Test
    void failedAppendLeavesCacheUnchanged() {
        ConversationCache cache = cache(1_000_000, 500);
        cache.append(KEY, List.of(turn("kept", 10)));
        cache.history(KEY);
        store.failAppends = true;

        assertThatThrownBy(() -> cache.append(KEY, List.of(turn("lost", 10))))
                .isInstanceOf(StorageException.class);

        assertThat(cache.history(KEY)).extracting(Turn::text).containsExactly("kept");
    }

    @Test
    void weightIsTokenSumAtLeastOne() {
        assertThat(ConversationCache.weigh(KEY, List.of())).isEqualTo(1);
        assertThat(ConversationCache.weigh(KEY, List.of(turn("a", 10), turn("b", 32)))).isEqualTo(42);
        assertThat(ConversationCache.weigh(KEY, List.of(turn("negative", -5)))).isEqualTo(1);
        assertThat(ConversationCache.weigh(KEY, List.of(turn("a", Integer.MAX_VALUE), turn("b", Integer.MAX_VALUE))))
                .isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void invalidLimitsAreRejected() {
        assertThatThrownBy(() -> new ConversationCache(store, 0, IDLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTokens must be at least 1, was 0");
        assertThatThrownBy(() -> new ConversationCache(store, 10, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idleExpiry must be positive, was PT0S");
        assertThatThrownBy(() -> new ConversationCache(store, 10, IDLE, 0, ticker))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxTurns must be at least 1, was 0");
    }

    private ConversationCache cache(long maxTokens, int maxTurns) {
        return new ConversationCache(store, maxTokens, IDLE, maxTurns, ticker);
    }

    private static Turn turn(String text, int tokens) {
        return new Turn(Role.USER, text, List.of(), tokens, T0, TurnStatus.COMPLETE);
    }

    /** A store that counts loads and fails appends while {@code failAppends} is set. */
    private final class CountingStore implements ConversationStore {
        final AtomicInteger loads = new AtomicInteger();
        volatile boolean failAppends;
        private final ConversationStore delegate;

        CountingStore(ConversationStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Turn> load(ConversationKey key) {
            return delegate.load(key);
        }

        @Override
        public List<Turn> load(ConversationKey key, int maxTurns) {
            loads.incrementAndGet();
            return delegate.load(key, maxTurns);
        }

        @Override
        public void append(ConversationKey key, List<Turn> turns) {
            if (failAppends) {
                throw new StorageException("append turns", database.file(), "disk I/O error", null);
            }
            delegate.append(key, turns);
        }

        @Override
        public void clear(ConversationKey key) {
            delegate.clear(key);
        }
    }

    /** A ticker that moves only when the test advances it. */
    private static final class FakeTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        void advance(Duration duration) {
            nanos.addAndGet(duration.toNanos());
        }

        @Override
        public long read() {
            return nanos.get();
        }
    }
}
