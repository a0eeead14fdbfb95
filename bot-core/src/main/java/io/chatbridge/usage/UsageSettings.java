package io.chatbridge.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatbridge.engine.Platform;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code usage:} section of the configuration: prices, the display currency, budgets, rate
 * limits and access lists. {@link #fromYaml} binds and checks the YAML, and {@link #defaults()}
 * is what an absent section means.
 *
 * @param timeZone where days and months start, for budgets and reports; default UTC
 * @param currency the currency of budgets and reports; default US dollars
 * @param prices prices per model name, in USD per million tokens; default gpt-4o-mini's list price.
 *     A model not listed is priced by the longest listed name it starts with, so
 *     {@code gpt-4o-mini-2024-07-18} takes {@code gpt-4o-mini}'s price
 * @param unknownModelPrice the price of models that match no listed name; default gpt-4o-mini's.
 *     A price, rather than none, keeps budgets in force for a model the operator forgot to price
 * @param budgets spending limits; default none
 * @param rateLimits request rates and concurrency
 * @param members platform-qualified ids of known members, such as {@code telegram:42}, who are not
 *     guests; default none
 * @param access allow and block lists; default open
 */
public record UsageSettings(
        ZoneId timeZone,
        DisplayCurrency currency,
        Map<String, ModelPrice> prices,
        ModelPrice unknownModelPrice,
        Budgets budgets,
        RateLimits rateLimits,
        Set<String> members,
        AccessLists access) {

    public UsageSettings {
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(unknownModelPrice, "unknownModelPrice");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(access, "access");
        prices = Map.copyOf(prices);
        members = QualifiedId.checkAll("members", members);
    }

    /**
     * Returns the settings of a configuration without a {@code usage:} section: UTC, US dollars,
     * gpt-4o-mini's price for every model, no budgets, {@link RateLimits#DEFAULTS} and no access
     * lists.
     */
    public static UsageSettings defaults() {
        return new UsageSettings(ZoneOffset.UTC, DisplayCurrency.USD, Map.of("gpt-4o-mini", ModelPrice.GPT_4O_MINI),
                ModelPrice.GPT_4O_MINI, Budgets.NONE, RateLimits.DEFAULTS, Set.of(), AccessLists.OPEN);
    }

    /**
     * Binds the {@code usage:} section of the YAML configuration. Keys left out take their
     * defaults, and listed prices are added to the built-in gpt-4o-mini price or replace it.
     *
     * @param usageSection the value of the {@code usage} key, or null or a YAML null when absent
     * @throws UsageSettingsException listing every problem, each naming the key, the value
     *     received and the rule, such as {@code usage.rate_limit.burst: must be from 1 to 1000, was 0}
     */
    public static UsageSettings fromYaml(JsonNode usageSection) {
        return new UsageSettingsBinder().bind(usageSection);
    }

    /**
     * Returns whether a member is a guest: not an admin, and on neither {@link #members()} nor the
     * {@link AccessLists#allowUsers()} list. Guests are held to the guest budget.
     */
    public boolean isGuest(Platform platform, String userId, boolean admin) {
        String id = QualifiedId.of(platform, userId);
        return !admin && !members.contains(id) && !access.allowUsers().contains(id);
    }
}
