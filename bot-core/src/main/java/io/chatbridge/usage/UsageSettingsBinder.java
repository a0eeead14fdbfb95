package io.chatbridge.usage;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code usage:} YAML section to {@link UsageSettings}, collecting every problem before
 * it fails, so the operator fixes them in one pass. Not thread-safe: use one binder per binding.
 */
final class UsageSettingsBinder {

    private static final String ROOT = "usage";

    private final List<String> problems = new ArrayList<>();

    UsageSettings bind(@Nullable JsonNode section) {
        UsageSettings defaults = UsageSettings.defaults();
        if (section == null || section.isNull() || section.isMissingNode()) {
            return defaults;
        }
        if (!isObject(ROOT, section, Set.of("time_zone", "currency", "prices", "unknown_model_price", "budgets",
                "rate_limit", "members", "access"))) {
            throw new UsageSettingsException(problems);
        }

        ZoneId zone = zone(section.get("time_zone"), defaults.timeZone());
        DisplayCurrency currency = currency(section.get("currency"));
        Map<String, ModelPrice> prices = prices(section.get("prices"), defaults.prices());
        ModelPrice unknown = price(ROOT + ".unknown_model_price", section.get("unknown_model_price"),
                defaults.unknownModelPrice());
        Budgets budgets = budgets(section.get("budgets"));
        RateLimits rates = rateLimits(section.get("rate_limit"));
        Set<String> members = ids(ROOT + ".members", section.get("members"));
        AccessLists access = access(section.get("access"));

        if (!problems.isEmpty()) {
            throw new UsageSettingsException(problems);
        }
        return new UsageSettings(zone, currency, prices, unknown, budgets, rates, members, access);
    }

    private ZoneId zone(@Nullable JsonNode node, ZoneId fallback) {
        String key = ROOT + ".time_zone";
        String text = text(key, node);
        if (text == null) {
            return fallback;
        }
        try {
            return ZoneId.of(text);
        } catch (DateTimeException e) {
            problems.add(key + ": unknown time zone '" + text + "'. Use a region id such as UTC or Asia/Shanghai");
            return fallback;
        }
    }

    private DisplayCurrency currency(@Nullable JsonNode node) {
        String key = ROOT + ".currency";
        if (absent(node)) {
            return DisplayCurrency.USD;
        }
        if (!isObject(key, node, Set.of("code", "symbol", "per_usd"))) {
            return DisplayCurrency.USD;
        }
        String code = text(key + ".code", node.get("code"));
        if (code == null) {
            problems.add(key + ".code is missing: set the ISO 4217 code of the display currency, such as CNY");
            return DisplayCurrency.USD;
        }
        String symbol = text(key + ".symbol", node.get("symbol"));
        BigDecimal perUsd = decimal(key + ".per_usd", node.get("per_usd"));
        if (perUsd == null && !code.equals("USD")) {
            problems.add(key + ".per_usd is missing: set how many " + code + " one US dollar buys, such as 7.2");
            return DisplayCurrency.USD;
        }
        try {
            return new DisplayCurrency(code, symbol != null ? symbol : DisplayCurrency.defaultSymbol(code),
                    perUsd != null ? perUsd : BigDecimal.ONE);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return DisplayCurrency.USD;
        }
    }

    private Map<String, ModelPrice> prices(@Nullable JsonNode node, Map<String, ModelPrice> builtIn) {
        String key = ROOT + ".prices";
        Map<String, ModelPrice> prices = new HashMap<>(builtIn);
        if (absent(node)) {
            return prices;
        }
        if (!node.isObject()) {
            problems.add(key + ": must be a map from model name to {input, cached_input, output}, was " + kind(node));
            return prices;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            ModelPrice price = price(key + "." + entry.getKey(), entry.getValue(), null);
            if (price != null) {
                prices.put(entry.getKey(), price);
            }
        }
        return prices;
    }

    private @Nullable ModelPrice price(String key, @Nullable JsonNode node, @Nullable ModelPrice fallback) {
        if (absent(node)) {
            return fallback;
        }
        if (!isObject(key, node, Set.of("input", "cached_input", "output"))) {
            return fallback;
        }
        BigDecimal input = decimal(key + ".input", node.get("input"));
        BigDecimal output = decimal(key + ".output", node.get("output"));
        BigDecimal cached = decimal(key + ".cached_input", node.get("cached_input"));
        if (input == null || output == null) {
            problems.add(key + ": input and output are required, in USD per million tokens, such as"
                    + " {input: 0.15, cached_input: 0.075, output: 0.60}");
            return fallback;
        }
        try {
            // Without a cache discount, cached tokens cost as much as the others.
            return new ModelPrice(input, cached != null ? cached : input, output);
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return fallback;
        }
    }

    private Budgets budgets(@Nullable JsonNode node) {
        String key = ROOT + ".budgets";
        if (absent(node) || !isObject(key, node, Set.of("member", "guest", "chat"))) {
            return Budgets.NONE;
        }
        BudgetLimits member = limits(key + ".member", node.get("member"));
        BudgetLimits guest = absent(node.get("guest")) ? null : limits(key + ".guest", node.get("guest"));
        return new Budgets(member, guest, limits(key + ".chat", node.get("chat")));
    }

    private BudgetLimits limits(String key, @Nullable JsonNode node) {
        if (absent(node) || !isObject(key, node, Set.of("day", "month", "total"))) {
            return BudgetLimits.NONE;
        }
        BigDecimal day = amount(key + ".day", node.get("day"));
        BigDecimal month = amount(key + ".month", node.get("month"));
        BigDecimal total = amount(key + ".total", node.get("total"));
        return new BudgetLimits(day, month, total);
    }

    private @Nullable BigDecimal amount(String key, @Nullable JsonNode node) {
        BigDecimal amount = decimal(key, node);
        if (amount != null && amount.signum() < 0) {
            problems.add(key + ": a budget must be 0 or more, was " + amount.toPlainString()
                    + ". Leave the key out for no limit");
            return null;
        }
        return amount;
    }

    private RateLimits rateLimits(@Nullable JsonNode node) {
        String key = ROOT + ".rate_limit";
        RateLimits defaults = RateLimits.DEFAULTS;
        if (absent(node) || !isObject(key, node,
                Set.of("requests_per_minute", "burst", "max_in_flight_per_member", "max_concurrent_calls"))) {
            return defaults;
        }
        int perMinute = integer(key + ".requests_per_minute", node.get("requests_per_minute"), defaults.requestsPerMinute());
        int burst = integer(key + ".burst", node.get("burst"), defaults.burst());
        int inFlight = integer(key + ".max_in_flight_per_member", node.get("max_in_flight_per_member"),
                defaults.maxInFlightPerMember());
        int concurrent = integer(key + ".max_concurrent_calls", node.get("max_concurrent_calls"),
                defaults.maxConcurrentCalls());
        try {
            return new RateLimits(perMinute, burst, inFlight, concurrent);
        } catch (IllegalArgumentException e) {
            problems.add(key + "." + e.getMessage());
            return defaults;
        }
    }

    private AccessLists access(@Nullable JsonNode node) {
        String key = ROOT + ".access";
        if (absent(node) || !isObject(key, node, Set.of("allow_users", "block_users", "allow_chats", "block_chats"))) {
            return AccessLists.OPEN;
        }
        return new AccessLists(ids(key + ".allow_users", node.get("allow_users")),
                ids(key + ".block_users", node.get("block_users")),
                ids(key + ".allow_chats", node.get("allow_chats")),
                ids(key + ".block_chats", node.get("block_chats")));
    }

    private Set<String> ids(String key, @Nullable JsonNode node) {
        Set<String> ids = new LinkedHashSet<>();
        if (absent(node)) {
            return ids;
        }
        if (!node.isArray()) {
            problems.add(key + ": must be a list of platform:id, such as [telegram:123456789], was " + kind(node));
            return ids;
        }
        for (JsonNode element : node) {
            try {
                ids.add(QualifiedId.check(key, element.isTextual() ? element.asText() : element.toString()));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return ids;
    }

    private boolean isObject(String key, JsonNode node, Set<String> knownKeys) {
        if (!node.isObject()) {
            problems.add(key + ": must be a map, was " + kind(node));
            return false;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!knownKeys.contains(entry.getKey())) {
                problems.add(key + "." + entry.getKey() + ": unknown key. Known keys here: "
                        + String.join(", ", knownKeys.stream().sorted().toList()));
            }
        }
        return true;
    }

    private @Nullable String text(String key, @Nullable JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isValueNode() || node.asText().isBlank()) {
            problems.add(key + ": must be a non-empty text, was " + kind(node));
            return null;
        }
        return node.asText().strip();
    }

    private @Nullable BigDecimal decimal(String key, @Nullable JsonNode node) {
        if (absent(node)) {
            return null;
        }
        // Text too, because environment variables and quoted YAML values arrive as text.
        if (node.isNumber() || node.isTextual()) {
            try {
                return new BigDecimal(node.asText().strip());
            } catch (NumberFormatException e) {
                // Falls through to the problem below.
            }
        }
        problems.add(key + ": must be a decimal number such as 0.15, was " + kind(node));
        return null;
    }

    private int integer(String key, @Nullable JsonNode node, int fallback) {
        if (absent(node)) {
            return fallback;
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.asInt();
        }
        if (node.isTextual() && node.asText().strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(node.asText().strip());
        }
        problems.add(key + ": must be a whole number, was " + kind(node));
        return fallback;
    }

    private static boolean absent(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    private static String kind(JsonNode node) {
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "'" + node.asText() + "'";
    }
}
