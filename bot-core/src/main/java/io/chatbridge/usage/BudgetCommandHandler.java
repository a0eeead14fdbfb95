package io.chatbridge.usage;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.i18n.Language;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BudgetCommand} over {@link BudgetOverrides}. Forms:
 * <ul>
 *   <li>{@code /budget}: the caller's budget and the chat's, with what was spent and is left;
 *   <li>{@code /budget chat}: the chat's budget;
 *   <li>{@code /budget user <id>}: a member's budget (admins only);
 *   <li>{@code /budget user <id> <period> <amount>}: sets a member's budget (admins only);
 *   <li>{@code /budget chat <period> <amount>}: sets this chat's budget (admins only).
 * </ul>
 * {@code <id>} is the member's id on the caller's platform, or {@code platform:id}. {@code <period>}
 * is {@code day}, {@code month} or {@code total}. {@code <amount>} is a number in the display
 * currency, optionally with its symbol or code, {@code none} for no limit, or {@code default} to
 * drop the override and use the configured budget again. Anything else gets the usage text.
 *
 * <p>Thread-safe. Throws {@link io.chatbridge.storage.StorageException} when saving fails, which
 * the engine reports to the member as an internal error.
 */
public final class BudgetCommandHandler implements BudgetCommand {

    private static final Logger log = LoggerFactory.getLogger(BudgetCommandHandler.class);

    private final UsageSettings settings;
    private final BudgetPolicy budgets;
    private final BudgetOverrides overrides;
    private final UsageMessages messages;
    private final Clock clock;

    BudgetCommandHandler(UsageSettings settings, BudgetPolicy budgets, BudgetOverrides overrides,
            UsageMessages messages, Clock clock) {
        this.settings = settings;
        this.budgets = budgets;
        this.overrides = overrides;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String handle(InboundMessage message, String arguments, boolean admin, Language language) {
        List<String> words = arguments.isBlank() ? List.of() : List.of(arguments.strip().split("\\s+"));
        BudgetSubject chat = BudgetSubject.chat(message.platform(), message.chatId());
        String target = words.isEmpty() ? "" : words.get(0).toLowerCase(Locale.ROOT);

        if (words.isEmpty()) {
            return showCaller(message, admin, chat, language);
        }
        if (target.equals("chat") && words.size() == 1) {
            return show(chat, false, messages.format(language, UsageText.BUDGET_HEADER_CHAT), language);
        }
        if (target.equals("user") && (words.size() == 2 || words.size() == 4)) {
            if (!admin) {
                return messages.format(language, UsageText.BUDGET_ADMIN_ONLY);
            }
            BudgetSubject member = memberSubject(message.platform(), words.get(1));
            if (words.size() == 2) {
                return show(member, isGuest(member), messages.format(language, UsageText.BUDGET_HEADER_MEMBER,
                        member.qualifiedId()), language);
            }
            return change(message, member, words.get(2), words.get(3), language);
        }
        if (target.equals("chat") && words.size() == 3) {
            if (!admin) {
                return messages.format(language, UsageText.BUDGET_ADMIN_ONLY);
            }
            return change(message, chat, words.get(1), words.get(2), language);
        }
        return help(language);
    }

    private String showCaller(InboundMessage message, boolean admin, BudgetSubject chat, Language language) {
        BudgetSubject member = BudgetSubject.member(message.platform(), message.sender().id());
        String own;
        if (admin) {
            own = messages.format(language, UsageText.BUDGET_ADMIN_EXEMPT);
        } else {
            boolean guest = isGuest(member);
            // Without a guest budget, guests have the member budget, so calling it a guest's would mislead.
            UsageText header = guest && settings.budgets().guest() != null
                    ? UsageText.BUDGET_HEADER_GUEST
                    : UsageText.BUDGET_HEADER_SELF;
            own = show(member, guest, messages.format(language, header), language);
        }
        return own + "\n\n" + show(chat, false, messages.format(language, UsageText.BUDGET_HEADER_CHAT), language);
    }

    private String show(BudgetSubject subject, boolean guest, String header, Language language) {
        Instant now = clock.instant();
        List<String> lines = new ArrayList<>();
        lines.add(header);
        for (Period period : Period.values()) {
            String label = messages.periodLabel(language, period);
            BigDecimal spent = budgets.spent(subject, period, now);
            BigDecimal limit = budgets.limit(subject, guest, period);
            if (limit == null) {
                lines.add(messages.format(language, UsageText.BUDGET_LINE_UNLIMITED, label, money(spent)));
            } else {
                BigDecimal left = limit.subtract(spent).max(BigDecimal.ZERO);
                lines.add(messages.format(language, UsageText.BUDGET_LINE_LIMITED, label, money(spent), money(limit),
                        money(left)));
            }
        }
        return String.join("\n", lines);
    }

    private String change(InboundMessage message, BudgetSubject subject, String periodText, String amountText,
            Language language) {
        Period period;
        try {
            period = Period.parse(periodText);
        } catch (IllegalArgumentException e) {
            return messages.format(language, UsageText.BUDGET_BAD_PERIOD, periodText);
        }
        String name = messages.budgetName(language, BudgetSubject.Kind.MEMBER, false, period);
        boolean member = subject.kind() == BudgetSubject.Kind.MEMBER;
        String admin = QualifiedId.of(message.platform(), message.sender().id());
        String keyword = amountText.toLowerCase(Locale.ROOT);

        if (keyword.equals("default")) {
            overrides.remove(subject, period);
            log.info("The {} budget of {} is back to the configured one, reset by admin {}", period.id(),
                    subject.qualifiedId(), admin);
            String configured = describe(budgets.configuredLimit(subject.kind(), member && isGuest(subject), period),
                    language);
            return member
                    ? messages.format(language, UsageText.BUDGET_RESET_MEMBER, name, subject.qualifiedId(), configured)
                    : messages.format(language, UsageText.BUDGET_RESET_CHAT, name, configured);
        }
        if (keyword.equals("none")) {
            overrides.set(subject, period, null, admin);
            log.info("The {} budget of {} has no limit now, set by admin {}", period.id(), subject.qualifiedId(), admin);
            return member
                    ? messages.format(language, UsageText.BUDGET_UNLIMITED_MEMBER, name, subject.qualifiedId())
                    : messages.format(language, UsageText.BUDGET_UNLIMITED_CHAT, name);
        }

        BigDecimal amount = parseAmount(amountText);
        if (amount == null) {
            return messages.format(language, UsageText.BUDGET_BAD_AMOUNT, amountText);
        }
        overrides.set(subject, period, amount, admin);
        log.info("The {} budget of {} is now {} {}, set by admin {}", period.id(), subject.qualifiedId(),
                amount.toPlainString(), settings.currency().code(), admin);
        return member
                ? messages.format(language, UsageText.BUDGET_SET_MEMBER, name, subject.qualifiedId(), money(amount))
                : messages.format(language, UsageText.BUDGET_SET_CHAT, name, money(amount));
    }

    /** Parses an amount such as {@code 5}, {@code 0.5}, {@code ¥5} or {@code 5CNY}; null when invalid or negative. */
    @Nullable BigDecimal parseAmount(String text) {
        DisplayCurrency currency = settings.currency();
        String number = text.strip();
        if (!currency.symbol().isEmpty() && number.startsWith(currency.symbol())) {
            number = number.substring(currency.symbol().length());
        }
        if (number.toUpperCase(Locale.ROOT).endsWith(currency.code())) {
            number = number.substring(0, number.length() - currency.code().length()).strip();
        }
        // Digits with at most one decimal point only: no exponent, sign, or grouping.
        if (!number.matches("\\d{1,12}(\\.\\d{1,6})?")) {
            return null;
        }
        return new BigDecimal(number);
    }

    private BudgetSubject memberSubject(Platform callerPlatform, String id) {
        int colon = id.indexOf(':');
        if (colon > 0) {
            for (Platform platform : Platform.values()) {
                if (platform.id().equals(id.substring(0, colon).toLowerCase(Locale.ROOT))) {
                    return BudgetSubject.member(platform, id.substring(colon + 1));
                }
            }
        }
        return BudgetSubject.member(callerPlatform, id);
    }

    private boolean isGuest(BudgetSubject member) {
        // NOTE: the target's admin status is unknown here, so an admin shown by /budget user is
        // shown with the budget they would have if they were not one.
        return settings.isGuest(member.platform(), member.id(), false);
    }

    private String describe(@Nullable BigDecimal limit, Language language) {
        return limit == null ? messages.format(language, UsageText.BUDGET_NO_LIMIT) : money(limit);
    }

    private String help(Language language) {
        return messages.format(language, UsageText.BUDGET_HELP, settings.currency().code());
    }

    private String money(BigDecimal amount) {
        return settings.currency().format(amount);
    }
}
