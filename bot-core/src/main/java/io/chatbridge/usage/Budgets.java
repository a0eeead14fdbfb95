package io.chatbridge.usage;

import java.math.BigDecimal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The configured budgets. Admins have none. Each other member is held to the member limits, or
 * to the guest limits when the member is a guest (see {@link UsageSettings#isGuest}), and every
 * call also counts against the chat limits of the chat it was made in. Admins' calls count toward
 * chat totals, but admins are never refused. Admins can override any of these per member or per
 * chat at run time with {@code /budget}.
 *
 * @param member limits per member across all chats; default none
 * @param guest limits per guest, or null to hold guests to the member limits. A period left out
 *     falls back to the member limit
 * @param chat limits per chat across all its members; default none
 */
public record Budgets(BudgetLimits member, @Nullable BudgetLimits guest, BudgetLimits chat) {

    /** No budgets at all. */
    public static final Budgets NONE = new Budgets(BudgetLimits.NONE, null, BudgetLimits.NONE);

    public Budgets {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(chat, "chat");
        // A guest budget without limits changes nothing, so it is the same as none.
        if (BudgetLimits.NONE.equals(guest)) {
            guest = null;
        }
    }

    /**
     * Returns the limits for a guest: for each period the guest limit when set, else the member
     * limit, so that {@code guest: {day: 0.2}} lowers only the daily limit.
     */
    public BudgetLimits forGuest() {
        if (guest == null) {
            return member;
        }
        return new BudgetLimits(firstSet(guest.day(), member.day()), firstSet(guest.month(), member.month()),
                firstSet(guest.total(), member.total()));
    }

    /** Returns whether a guest's limit for a period comes from the guest budget rather than the member one. */
    public boolean guestLimitSet(Period period) {
        return guest != null && guest.limit(period) != null;
    }

    private static @Nullable BigDecimal firstSet(@Nullable BigDecimal first, @Nullable BigDecimal second) {
        return first != null ? first : second;
    }
}
