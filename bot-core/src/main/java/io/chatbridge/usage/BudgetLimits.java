package io.chatbridge.usage;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * Spending limits for one member, guest or chat, in the display currency. A null limit means no
 * limit for that period.
 *
 * @param day the maximum spending in one calendar day
 * @param month the maximum spending in one calendar month
 * @param total the maximum spending of all time
 * @throws IllegalArgumentException when a limit is negative
 */
public record BudgetLimits(@Nullable BigDecimal day, @Nullable BigDecimal month, @Nullable BigDecimal total) {

    /** No limits. */
    public static final BudgetLimits NONE = new BudgetLimits(null, null, null);

    public BudgetLimits {
        check("day", day);
        check("month", month);
        check("total", total);
    }

    private static void check(String period, @Nullable BigDecimal limit) {
        if (limit != null && limit.signum() < 0) {
            throw new IllegalArgumentException(period + " budget must be 0 or more, was " + limit.toPlainString());
        }
    }

    /** Returns the limit for a period, or null when there is none. */
    public @Nullable BigDecimal limit(Period period) {
        return switch (period) {
            case DAY -> day;
            case MONTH -> month;
            case TOTAL -> total;
        };
    }
}
