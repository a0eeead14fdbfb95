package io.chatbridge.usage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The newest display name of recently active members, so that ledger rows and reports can name
 * them. Holds at most {@value #CAPACITY} names, dropping the least recently used. Thread-safe.
 */
final class MemberNames {

    static final int CAPACITY = 10_000;

    private final Map<BudgetSubject, String> names = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BudgetSubject, String> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized void remember(BudgetSubject member, String displayName) {
        if (!displayName.isBlank()) {
            names.put(member, displayName);
        }
    }

    synchronized @Nullable String find(BudgetSubject member) {
        return names.get(member);
    }
}
