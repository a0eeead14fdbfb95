package io.chatbridge.usage;

import io.chatbridge.i18n.ExactLocaleBundles;
import io.chatbridge.i18n.Language;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Formats {@link UsageText} messages in a member's {@link Language} from the {@code usage}
 * bundles, {@code io/chatbridge/i18n/usage.properties} (English) and {@code usage_zh_CN.properties}
 * (Simplified Chinese), both UTF-8. Patterns follow {@link MessageFormat}, numbers are formatted
 * in the language's locale. Thread-safe.
 */
public final class UsageMessages {

    private static final String BUNDLE = "io.chatbridge.i18n.usage";

    private final Map<Language, Map<UsageText, String>> patterns = new EnumMap<>(Language.class);

    /**
     * Loads the bundles.
     *
     * @throws IllegalStateException when a language's file is missing or lacks a text, listing
     *     every such problem
     */
    public UsageMessages() {
        List<String> problems = new ArrayList<>();
        for (Language language : Language.values()) {
            patterns.put(language, load(language, problems));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The usage message bundles are incomplete:\n" + String.join("\n", problems));
        }
    }

    /** Formats a text with {@link MessageFormat} arguments in a language. */
    public String format(Language language, UsageText text, Object... arguments) {
        return new MessageFormat(patterns.get(language).get(text), language.locale()).format(arguments);
    }

    /**
     * Returns the name of a budget as the refusal and {@code /budget} texts use it, such as
     * {@code daily}, {@code guest monthly} or {@code chat's total} in English.
     *
     * @param guest whether a member's budget is the guest budget; ignored for chats
     */
    public String budgetName(Language language, BudgetSubject.Kind kind, boolean guest, Period period) {
        String name = format(language, switch (period) {
            case DAY -> UsageText.BUDGET_NAME_DAY;
            case MONTH -> UsageText.BUDGET_NAME_MONTH;
            case TOTAL -> UsageText.BUDGET_NAME_TOTAL;
        });
        if (kind == BudgetSubject.Kind.CHAT) {
            return format(language, UsageText.BUDGET_NAME_CHAT, name);
        }
        return guest ? format(language, UsageText.BUDGET_NAME_GUEST, name) : name;
    }

    /** Returns the label of a spending period at the start of a line, such as {@code Today}. */
    public String periodLabel(Language language, Period period) {
        return format(language, switch (period) {
            case DAY -> UsageText.PERIOD_LABEL_DAY;
            case MONTH -> UsageText.PERIOD_LABEL_MONTH;
            case TOTAL -> UsageText.PERIOD_LABEL_TOTAL;
        });
    }

    private static Map<UsageText, String> load(Language language, List<String> problems) {
        Map<UsageText, String> loaded = new EnumMap<>(UsageText.class);
        Locale locale = language == Language.EN ? Locale.ROOT : language.locale();
        ResourceBundle bundle;
        try {
            bundle = ExactLocaleBundles.load(BUNDLE, locale, UsageMessages.class.getClassLoader());
        } catch (MissingResourceException e) {
            problems.add("the usage bundle for " + language.tag() + " is missing");
            return loaded;
        }
        for (UsageText text : UsageText.values()) {
            if (!bundle.keySet().contains(text.bundleKey()) || bundle.getString(text.bundleKey()).isBlank()) {
                problems.add("the usage bundle for " + language.tag() + " has no text for " + text.bundleKey());
                continue;
            }
            loaded.put(text, bundle.getString(text.bundleKey()));
        }
        return loaded;
    }
}
