package io.chatbridge.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.model.Usage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelPriceTest {

    private static final ModelPrice MINI = ModelPrice.GPT_4O_MINI;

    @Test
    void costChargesUncachedCachedAndCompletionTokens() {
        // 800 * 0.15 + 200 * 0.075 + 500 * 0.60 USD per million = 0.000435 USD.
        assertThat(MINI.costPicoUsd(1000, 200, 500)).isEqualTo(435_000_000L);
    }

    @Test
    void costOfOneCachedTokenIsExact() {
        assertThat(MINI.costPicoUsd(1, 1, 0)).isEqualTo(75_000L);
    }

    @Test
    void cachedTokensAboveThePromptAreBilledAsThePrompt() {
        assertThat(MINI.costPicoUsd(100, 300, 0)).isEqualTo(MINI.costPicoUsd(100, 100, 0));
    }

    @Test
    void estimateChargesThePromptUncachedAndTheWholeCompletionBudget() {
        // 2000 * 0.15 + 1024 * 0.60 USD per million.
        assertThat(MINI.estimatePicoUsd(2000, 1024)).isEqualTo(300_000_000L + 614_400_000L);
    }

    @Test
    void priceWithMoreThanSixDecimalsIsRejected() {
        assertThatThrownBy(() -> new ModelPrice(new BigDecimal("0.1234567"), BigDecimal.ZERO, BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input price may have at most 6 decimal places, was 0.1234567");
    }

    @Test
    void negativePriceIsRejected() {
        assertThatThrownBy(() -> new ModelPrice(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output price must be 0 or more, was -1");
    }

    @Test
    void tableMatchesExactNameFirst() {
        ModelPrice gpt4o = new ModelPrice(new BigDecimal("2.50"), new BigDecimal("1.25"), new BigDecimal("10.00"));
        PriceTable table = new PriceTable(Map.of("gpt-4o-mini", MINI, "gpt-4o", gpt4o), MINI);

        assertThat(table.price("gpt-4o")).isEqualTo(gpt4o);
        assertThat(table.price("gpt-4o-mini")).isEqualTo(MINI);
    }

    @Test
    void tableMatchesTheLongestPrefixForDatedSnapshots() {
        ModelPrice gpt4o = new ModelPrice(new BigDecimal("2.50"), new BigDecimal("1.25"), new BigDecimal("10.00"));
        PriceTable table = new PriceTable(Map.of("gpt-4o-mini", MINI, "gpt-4o", gpt4o), gpt4o);

        assertThat(table.price("gpt-4o-mini-2024-07-18")).isEqualTo(MINI);
        assertThat(table.price("gpt-4o-2024-08-06")).isEqualTo(gpt4o);
    }

    @Test
    void tableChargesUnknownModelsAtTheFallbackPrice() {
        ModelPrice fallback = new ModelPrice(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE);
        PriceTable table = new PriceTable(Map.of("gpt-4o-mini", MINI), fallback);

        assertThat(table.price("claude-3-haiku")).isEqualTo(fallback);
        assertThat(table.costPicoUsd("claude-3-haiku", new Usage(10, 0, 10, false))).isEqualTo(20_000_000L);
    }
}
