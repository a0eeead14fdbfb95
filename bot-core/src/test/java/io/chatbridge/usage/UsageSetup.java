package io.chatbridge.usage;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Usage settings for tests: Shanghai time and yuan at 7.2 per dollar unless a test changes them. */
final class UsageSetup {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final DisplayCurrency CNY = new DisplayCurrency("CNY", "¥", new BigDecimal("7.2"));
    static final RateLimits NO_RATE_LIMIT = new RateLimits(0, 1, 1, 64);

    private UsageSetup() {}

    static UsageSettings settings(Budgets budgets, RateLimits rates, Set<String> members, AccessLists access) {
        return new UsageSettings(SHANGHAI, CNY, Map.of("gpt-4o-mini", ModelPrice.GPT_4O_MINI), ModelPrice.GPT_4O_MINI,
                budgets, rates, members, access);
    }

    static UsageSettings budgets(Budgets budgets) {
        return settings(budgets, NO_RATE_LIMIT, Set.of(), AccessLists.OPEN);
    }

    static BudgetLimits daily(String amount) {
        return new BudgetLimits(new BigDecimal(amount), null, null);
    }

    static BudgetLimits limits(@Nullable String day, @Nullable String month, @Nullable String total) {
        return new BudgetLimits(day == null ? null : new BigDecimal(day), month == null ? null : new BigDecimal(month),
                total == null ? null : new BigDecimal(total));
    }
}
