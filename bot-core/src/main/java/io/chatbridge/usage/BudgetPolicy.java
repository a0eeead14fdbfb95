package io.chatbridge.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides which budget limit applies to a member or chat, and whether a call fits: an admin's
 * override when there is one, else the configured limit. Thread-safe.
 */
final class BudgetPolicy {

    /**
     * A budget that a call would pass.
     *
     * @param subject whose budget it is
     * @param guest whether the limit is the configured guest budget
     * @param period the budget's period
     * @param left what is left of it in the display currency, 0 or more
     */
    record Exceeded(BudgetSubject subject, boolean guest, Period period, BigDecimal left) {}

    private final UsageSettings settings;
    private final BudgetOverrides overrides;
    private final SpendTracker spending;

    BudgetPolicy(UsageSettings settings, BudgetOverrides overrides, SpendTracker spending) {
        this.settings = settings;
        this.overrides = overrides;
        this.spending = spending;
    }

    /** Returns the limit that applies, in the display currency, or null for none. */
    @Nullable BigDecimal limit(BudgetSubject subject, boolean guest, Period period) {
        Optional<BudgetOverride> override = overrides.find(subject, period);
        if (override.isPresent()) {
            return override.get().limit();
        }
        return configuredLimit(subject.kind(), guest, period);
    }

    /** Returns whether a member's limit for a period is the configured guest budget. */
    boolean guestBudgetApplies(BudgetSubject subject, boolean guest, Period period) {
        return guest && subject.kind() == BudgetSubject.Kind.MEMBER && settings.budgets().guestLimitSet(period)
                && overrides.find(subject, period).isEmpty();
    }

    /** Returns the limit from the configuration, ignoring overrides, or null for none. */
    @Nullable BigDecimal configuredLimit(BudgetSubject.Kind kind, boolean guest, Period period) {
        Budgets budgets = settings.budgets();
        BudgetLimits limits = switch (kind) {
            case MEMBER -> guest ? budgets.forGuest() : budgets.member();
            case CHAT -> budgets.chat();
        };
        return limits.limit(period);
    }

    /** Returns what a subject spent in the period containing {@code now}, in the display currency. */
    BigDecimal spent(BudgetSubject subject, Period period, Instant now) {
        return currency().fromPicoUsd(spending.spentPicoUsd(subject, period, now));
    }

    /**
     * Returns the budget that a call costing at most {@code estimatePicoUsd} would pass, counting
     * what was spent and what calls in progress may still cost, or null when it fits them all.
     * When several would be passed, returns the one with the least left.
     */
    @Nullable Exceeded check(BudgetSubject member, boolean guest, BudgetSubject chat, long estimatePicoUsd,
            Instant now) {
        Exceeded tightest = null;
        for (BudgetSubject subject : new BudgetSubject[] {member, chat}) {
            for (Period period : Period.values()) {
                Exceeded exceeded = check(subject, subject == member && guest, period, estimatePicoUsd, now);
                if (exceeded != null && (tightest == null || exceeded.left().compareTo(tightest.left()) < 0)) {
                    tightest = exceeded;
                }
            }
        }
        return tightest;
    }

    private @Nullable Exceeded check(BudgetSubject subject, boolean guest, Period period, long estimatePicoUsd,
            Instant now) {
        BigDecimal limit = limit(subject, guest, period);
        if (limit == null) {
            return null;
        }
        long committed = Math.addExact(spending.spentPicoUsd(subject, period, now), spending.reservedPicoUsd(subject));
        BigDecimal afterCall = currency().fromPicoUsd(Math.addExact(committed, estimatePicoUsd));
        if (afterCall.compareTo(limit) <= 0) {
            return null;
        }
        BigDecimal left = limit.subtract(currency().fromPicoUsd(committed)).max(BigDecimal.ZERO);
        return new Exceeded(subject, guestBudgetApplies(subject, guest, period), period, left);
    }

    private DisplayCurrency currency() {
        return settings.currency();
    }
}
