package io.chatbridge.usage;

import io.chatbridge.model.Usage;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up a model's price and computes call costs. A model matches its own entry, else the
 * longest listed name that it starts with (dated snapshots such as {@code gpt-4o-mini-2024-07-18}),
 * else the price for unknown models, with one warning per model name. Thread-safe.
 */
public final class PriceTable {

    private static final Logger log = LoggerFactory.getLogger(PriceTable.class);

    private final Map<String, ModelPrice> prices;
    private final ModelPrice unknownModelPrice;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /** Creates a table from the prices by model name and the price for models not listed. */
    public PriceTable(Map<String, ModelPrice> prices, ModelPrice unknownModelPrice) {
        this.prices = Map.copyOf(prices);
        this.unknownModelPrice = Objects.requireNonNull(unknownModelPrice, "unknownModelPrice");
    }

    /** Creates the table of a usage configuration. */
    public static PriceTable of(UsageSettings settings) {
        return new PriceTable(settings.prices(), settings.unknownModelPrice());
    }

    /** Returns the price of a model, logging a warning the first time a model is not listed. */
    public ModelPrice price(String model) {
        ModelPrice exact = prices.get(model);
        if (exact != null) {
            return exact;
        }
        String longest = null;
        for (String name : prices.keySet()) {
            if (model.startsWith(name) && (longest == null || name.length() > longest.length())) {
                longest = name;
            }
        }
        if (longest != null) {
            return prices.get(longest);
        }
        if (warned.add(model)) {
            log.warn("Model {} has no price in usage.prices, so its calls are charged at usage.unknown_model_price"
                    + " ({} / {} / {} USD per million tokens). Add it under usage.prices", model,
                    unknownModelPrice.input().toPlainString(), unknownModelPrice.cachedInput().toPlainString(),
                    unknownModelPrice.output().toPlainString());
        }
        return unknownModelPrice;
    }

    /** Returns the cost of a call in pico-dollars. */
    public long costPicoUsd(String model, Usage usage) {
        return price(model).costPicoUsd(usage.promptTokens(), usage.cachedPromptTokens(), usage.completionTokens());
    }

    /** Returns the maximum cost of a call in pico-dollars, as {@link ModelPrice#estimatePicoUsd} computes it. */
    public long estimatePicoUsd(String model, int promptTokens, int maxOutputTokens) {
        return price(model).estimatePicoUsd(promptTokens, maxOutputTokens);
    }
}
