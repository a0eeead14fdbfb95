package io.chatbridge.usage;

import org.jspecify.annotations.Nullable;

/**
 * One member's sums in a report.
 *
 * @param userId the platform's user id
 * @param userName the newest display name in the ledger, or null when none was recorded
 * @param totals the member's sums
 */
public record MemberTotals(String userId, @Nullable String userName, UsageTotals totals) {}
