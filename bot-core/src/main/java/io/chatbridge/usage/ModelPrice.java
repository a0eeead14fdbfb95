package io.chatbridge.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The price of one model in US dollars per million tokens, as providers publish it.
 *
 * <p>Costs come out as whole pico-dollars (10<sup>-12</sup> USD): a price with at most six
 * decimal places is a whole number of pico-dollars per token, so every cost is exact. The
 * formula is {@code (prompt - cached) * input + cached * cachedInput + completion * output}.
 *
 * @param input the price of uncached prompt tokens
 * @param cachedInput the price of prompt tokens served from the provider's prompt cache
 * @param output the price of completion tokens
 * @throws IllegalArgumentException when a price is negative or has more than six decimal places
 */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {

    /** The maximum number of decimal places of a price, so that a token's cost is whole pico-dollars. */
    public static final int MAX_SCALE = 6;

    /** OpenAI's list price of gpt-4o-mini: 0.15 input, 0.075 cached input, 0.60 output. */
    public static final ModelPrice GPT_4O_MINI =
            new ModelPrice(new BigDecimal("0.15"), new BigDecimal("0.075"), new BigDecimal("0.60"));

    public ModelPrice {
        check("input", input);
        check("cached_input", cachedInput);
        check("output", output);
        // Equal prices compare equal whatever their written scale, such as 0.60 and 0.6.
        input = input.stripTrailingZeros();
        cachedInput = cachedInput.stripTrailingZeros();
        output = output.stripTrailingZeros();
    }

    private static void check(String name, BigDecimal price) {
        Objects.requireNonNull(price, name);
        if (price.signum() < 0) {
            throw new IllegalArgumentException(name + " price must be 0 or more, was " + price.toPlainString());
        }
        if (price.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new IllegalArgumentException(name + " price may have at most " + MAX_SCALE
                    + " decimal places, was " + price.toPlainString());
        }
    }

    /**
     * Returns the cost of a call in pico-dollars.
     *
     * @param promptTokens prompt tokens, cached ones included
     * @param cachedPromptTokens the cached part of the prompt, at most {@code promptTokens}
     * @param completionTokens generated tokens
     * @throws IllegalArgumentException when a count is negative
     * @throws ArithmeticException when the cost does not fit a long (above about 9 million USD)
     */
    public long costPicoUsd(int promptTokens, int cachedPromptTokens, int completionTokens) {
        if (promptTokens < 0 || cachedPromptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must be 0 or more, were " + promptTokens + ", "
                    + cachedPromptTokens + " and " + completionTokens);
        }
        // A relay may report more cached tokens than prompt tokens; bill the excess as cached.
        int cached = Math.min(cachedPromptTokens, promptTokens);
        long cost = Math.multiplyExact((long) (promptTokens - cached), picoUsdPerToken(input));
        cost = Math.addExact(cost, Math.multiplyExact((long) cached, picoUsdPerToken(cachedInput)));
        return Math.addExact(cost, Math.multiplyExact((long) completionTokens, picoUsdPerToken(output)));
    }

    /**
     * Returns the maximum cost of a call before it is made: every prompt token at the uncached
     * price and the whole completion budget at the output price.
     */
    public long estimatePicoUsd(int promptTokens, int maxOutputTokens) {
        return costPicoUsd(promptTokens, 0, maxOutputTokens);
    }

    // USD per million tokens equals pico-dollars per token times 10^-6, so shift by six places.
    private static long picoUsdPerToken(BigDecimal usdPerMillion) {
        return usdPerMillion.movePointRight(MAX_SCALE).longValueExact();
    }
}
