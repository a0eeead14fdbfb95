package io.chatbridge.usage;

/**
 * Sums over ledger rows.
 *
 * @param requests the number of model calls, failed ones included
 * @param promptTokens prompt tokens, cached ones included
 * @param cachedPromptTokens the cached part of the prompt tokens
 * @param completionTokens generated tokens
 * @param costPicoUsd the cost in pico-dollars (10<sup>-12</sup> USD)
 */
public record UsageTotals(long requests, long promptTokens, long cachedPromptTokens, long completionTokens,
        long costPicoUsd) {

    /** No calls. */
    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0);

    /** Returns prompt plus completion tokens. */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** Returns these totals with one more ledger row added. */
    public UsageTotals plus(LedgerEntry entry) {
        return new UsageTotals(requests + 1, promptTokens + entry.promptTokens(),
                cachedPromptTokens + entry.cachedPromptTokens(), completionTokens + entry.completionTokens(),
                Math.addExact(costPicoUsd, entry.costPicoUsd()));
    }
}
