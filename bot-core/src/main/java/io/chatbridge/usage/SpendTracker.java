package io.chatbridge.usage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spending of each member and chat in the current day, month and all time, for budget checks
 * that must not query the ledger on every message.
 *
 * <p>The ledger stays the record: a sum is read from it the first time it is needed (so a restart
 * starts from what the ledger holds) and kept up to date afterwards by {@link #record}, which
 * writes the row and adds its cost under one lock, so a sum is never read between the two. A new
 * day or month has a new key, read fresh from the ledger, and sums of past days and months are
 * dropped at the first use after they end.
 *
 * <p>Calls in progress are reserved at their estimated cost, so that several calls admitted at
 * once cannot together pass a budget that each alone would not.
 *
 * <p>Thread-safe. Every method may throw {@link io.chatbridge.storage.StorageException}.
 */
final class SpendTracker {

    private record Key(BudgetSubject subject, Period period, Instant windowStart) {}

    private final UsageLedger ledger;
    private final ZoneId zone;
    private final Map<Key, Long> spentPicoUsd = new HashMap<>();
    private final Map<BudgetSubject, Long> reservedPicoUsd = new HashMap<>();
    private Instant currentDayStart = Instant.EPOCH;

    SpendTracker(UsageLedger ledger, ZoneId zone) {
        this.ledger = ledger;
        this.zone = zone;
    }

    /** Returns what a subject spent in the period that contains {@code now}, calls in progress not included. */
    synchronized long spentPicoUsd(BudgetSubject subject, Period period, Instant now) {
        dropEndedPeriods(now);
        TimeWindow window = period.windowAt(now, zone);
        Key key = new Key(subject, period, window.start());
        Long spent = spentPicoUsd.get(key);
        if (spent == null) {
            spent = ledger.totals(subject, window).costPicoUsd();
            spentPicoUsd.put(key, spent);
        }
        return spent;
    }

    /** Returns the estimated cost of a subject's calls in progress. */
    synchronized long reservedPicoUsd(BudgetSubject subject) {
        return reservedPicoUsd.getOrDefault(subject, 0L);
    }

    /** Adds a call in progress to each subject's reservation. */
    synchronized void reserve(List<BudgetSubject> subjects, long picoUsd) {
        for (BudgetSubject subject : subjects) {
            reservedPicoUsd.merge(subject, picoUsd, Math::addExact);
        }
    }

    /** Takes a call that ended off each subject's reservation. */
    synchronized void release(List<BudgetSubject> subjects, long picoUsd) {
        for (BudgetSubject subject : subjects) {
            long left = reservedPicoUsd.getOrDefault(subject, 0L) - picoUsd;
            if (left > 0) {
                reservedPicoUsd.put(subject, left);
            } else {
                reservedPicoUsd.remove(subject);
            }
        }
    }

    /** Writes a ledger row, then adds its cost to the sums held for its member and chat. */
    synchronized void record(LedgerEntry entry) {
        ledger.insert(entry);

        List<BudgetSubject> subjects = List.of(BudgetSubject.member(entry.platform(), entry.userId()),
                BudgetSubject.chat(entry.platform(), entry.chatId()));
        for (BudgetSubject subject : subjects) {
            for (Period period : Period.values()) {
                Key key = new Key(subject, period, period.windowAt(entry.startedAt(), zone).start());
                spentPicoUsd.computeIfPresent(key, (k, spent) -> Math.addExact(spent, entry.costPicoUsd()));
            }
        }
    }

    private void dropEndedPeriods(Instant now) {
        Instant dayStart = Period.DAY.windowAt(now, zone).start();
        if (dayStart.equals(currentDayStart)) {
            return;
        }
        currentDayStart = dayStart;
        Instant monthStart = Period.MONTH.windowAt(now, zone).start();
        spentPicoUsd.keySet().removeIf(key -> switch (key.period()) {
            case DAY -> key.windowStart().isBefore(dayStart);
            case MONTH -> key.windowStart().isBefore(monthStart);
            case TOTAL -> false;
        });
    }
}
