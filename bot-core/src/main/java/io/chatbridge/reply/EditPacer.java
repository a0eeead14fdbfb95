package io.chatbridge.reply;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Paces sends and edits per chat, shared by every answer streaming into that chat, so that
 * several answers at once in one group stay within the platform's limit. Thread-safe.
 *
 * <p>The pacer stores one instant per chat: the earliest time of the next call. An entry is
 * dropped as soon as that instant has passed, because it then allows a call just as a missing
 * entry does, so memory grows only with the chats that have a pending wait. The pacer only
 * reports times and never blocks; callers decide whether to wait.
 */
public final class EditPacer {

    private final Clock clock;
    private final Cache<String, Instant> nextAllowedByChat;

    /**
     * Creates a pacer with no pending waits.
     *
     * @param clock the time source for every instant the pacer stores and returns
     */
    public EditPacer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nextAllowedByChat = Caffeine.newBuilder()
                .ticker(() -> nanosSinceEpoch(clock.instant()))
                .expireAfter(new UntilNextAllowed())
                .build();
    }

    /**
     * Returns the earliest time the next send or edit in a chat may go out, or {@link Instant#EPOCH}
     * when the chat has no pending wait.
     */
    public Instant nextAllowed(String chatRef) {
        Instant next = nextAllowedByChat.getIfPresent(checkChatRef(chatRef));
        // Not the current time: a caller comparing it with its own, earlier reading of a running
        // clock would see a wait that does not exist and never send until the final delivery.
        return next != null ? next : Instant.EPOCH;
    }

    /**
     * Records a send or edit in a chat now, so the next waits at least {@code interval}. A later
     * time already set by {@link #backOff} is kept.
     *
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public void record(String chatRef, Duration interval) {
        delayUntil(checkChatRef(chatRef), checkNotNegative("interval", interval));
    }

    /**
     * Pushes the next allowed time in a chat back by a platform's retry-after, counted from now. A
     * later time already set is kept.
     *
     * @throws IllegalArgumentException when {@code retryAfter} is negative
     */
    public void backOff(String chatRef, Duration retryAfter) {
        delayUntil(checkChatRef(chatRef), checkNotNegative("retryAfter", retryAfter));
    }

    /** Returns how many chats have a pending wait; for tests of the memory bound. */
    long trackedChats() {
        nextAllowedByChat.cleanUp();
        return nextAllowedByChat.estimatedSize();
    }

    private void delayUntil(String chatRef, Duration delay) {
        Instant candidate = clock.instant().plus(delay);
        nextAllowedByChat.asMap().merge(chatRef, candidate,
                (current, proposed) -> current.isAfter(proposed) ? current : proposed);
    }

    private static String checkChatRef(String chatRef) {
        if (chatRef.isBlank()) {
            throw new IllegalArgumentException("chatRef must not be blank; pass platform:chatId");
        }
        return chatRef;
    }

    private static Duration checkNotNegative(String name, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return duration;
    }

    /** Converts an instant to the ticker's unit, saturating after the year 2262 where a long overflows. */
    private static long nanosSinceEpoch(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Keeps each entry until the instant it stores, measured on the pacer's clock through the ticker. */
    private static final class UntilNextAllowed implements Expiry<String, Instant> {

        @Override
        public long expireAfterCreate(String chatRef, Instant nextAllowed, long currentTime) {
            return Math.max(0, nanosSinceEpoch(nextAllowed) - currentTime);
        }

        @Override
        public long expireAfterUpdate(String chatRef, Instant nextAllowed, long currentTime,
                long currentDuration) {
            return expireAfterCreate(chatRef, nextAllowed, currentTime);
        }

        @Override
        public long expireAfterRead(String chatRef, Instant nextAllowed, long currentTime,
                long currentDuration) {
            return currentDuration;
        }
    }
}
