package io.chatbridge.usage;

import java.math.BigDecimal;
import org.jspecify.annotations.Nullable;

/**
 * A budget limit that an admin set at run time, replacing the configured one for one member or
 * chat and one period.
 *
 * @param limit the limit in the display currency, or null for no limit
 */
record BudgetOverride(@Nullable BigDecimal limit) {

    BudgetOverride {
        if (limit != null && limit.signum() < 0) {
            throw new IllegalArgumentException("a budget must be 0 or more, was " + limit.toPlainString());
        }
    }
}
