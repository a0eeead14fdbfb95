package io.chatbridge.usage;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.engine.Platform;
import io.chatbridge.i18n.Language;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link UsageReporter} for {@code /usage}: a member gets their own requests, tokens and cost
 * today and this month, across all chats. An admin in a group gets the group's totals and the five
 * members who spent most there this month. Days and months start in the configured time zone.
 * Thread-safe.
 */
public final class UsageReports implements UsageReporter {

    /** How many members an admin's group report lists. */
    public static final int TOP_MEMBERS = 5;

    private final UsageLedger ledger;
    private final UsageSettings settings;
    private final UsageMessages messages;
    private final Clock clock;

    UsageReports(UsageLedger ledger, UsageSettings settings, UsageMessages messages, Clock clock) {
        this.ledger = ledger;
        this.settings = settings;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public String report(InboundMessage message, boolean admin, Language language) {
        Instant now = clock.instant();
        TimeWindow today = Period.DAY.windowAt(now, settings.timeZone());
        TimeWindow month = Period.MONTH.windowAt(now, settings.timeZone());
        if (admin && !message.direct()) {
            BudgetSubject chat = BudgetSubject.chat(message.platform(), message.chatId());
            List<Object> arguments = figures(ledger.totals(chat, today), ledger.totals(chat, month));
            arguments.add(topMembers(message.platform(), message.chatId(), month, language));
            return messages.format(language, UsageText.REPORT_CHAT, arguments.toArray());
        }
        BudgetSubject member = BudgetSubject.member(message.platform(), message.sender().id());
        List<Object> arguments = figures(ledger.totals(member, today), ledger.totals(member, month));
        return messages.format(language, UsageText.REPORT_MEMBER, arguments.toArray());
    }

    private List<Object> figures(UsageTotals today, UsageTotals month) {
        List<Object> arguments = new ArrayList<>();
        for (UsageTotals totals : List.of(today, month)) {
            arguments.add(totals.requests());
            arguments.add(totals.totalTokens());
            arguments.add(settings.currency().formatPicoUsd(totals.costPicoUsd()));
        }
        return arguments;
    }

    private String topMembers(Platform platform, String chatId, TimeWindow month, Language language) {
        List<MemberTotals> top = ledger.topMembers(platform, chatId, month, TOP_MEMBERS);
        if (top.isEmpty()) {
            return messages.format(language, UsageText.REPORT_NO_MEMBERS);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < top.size(); i++) {
            MemberTotals member = top.get(i);
            String id = QualifiedId.of(platform, member.userId());
            String name = member.userName() == null ? id : messages.format(language, UsageText.MEMBER_NAME,
                    member.userName(), id);
            lines.add(messages.format(language, UsageText.REPORT_TOP_MEMBER, i + 1, name, member.totals().requests(),
                    settings.currency().formatPicoUsd(member.totals().costPicoUsd())));
        }
        return String.join("\n", lines);
    }
}
