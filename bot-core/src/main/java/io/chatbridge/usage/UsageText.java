package io.chatbridge.usage;

/**
 * The member-facing texts of usage reports and the {@code /budget} command, kept in their own
 * bundles, {@code io/chatbridge/i18n/usage.properties} and {@code usage_zh_CN.properties}.
 * {@link UsageMessages} formats them. Each constant's Javadoc lists its arguments.
 */
public enum UsageText {
    /**
     * A member's own report. Arguments 0 to 2: today's requests (a number), tokens (a number) and
     * cost (formatted); 3 to 5: the same for this month.
     */
    REPORT_MEMBER("report.member"),
    /**
     * A chat's report for admins. Arguments 0 to 5 as in {@link #REPORT_MEMBER} for the whole
     * chat; 6: the lines of {@link #REPORT_TOP_MEMBER}, or {@link #REPORT_NO_MEMBERS}.
     */
    REPORT_CHAT("report.chat"),
    /**
     * One line of the top members. Arguments: 0 the rank (a number), 1 the member (see
     * {@link #MEMBER_NAME}), 2 requests (a number), 3 cost (formatted).
     */
    REPORT_TOP_MEMBER("report.top_member"),
    /** The text in place of the top members when no one used the bot this month. */
    REPORT_NO_MEMBERS("report.no_members"),
    /** A member with a known display name. Arguments: 0 the display name, 1 the platform-qualified id. */
    MEMBER_NAME("member.name"),

    /** The budget for one day, as an adjective before "budget": "daily". */
    BUDGET_NAME_DAY("budget.name.day"),
    /** The budget for one month: "monthly". */
    BUDGET_NAME_MONTH("budget.name.month"),
    /** The budget for all time: "total". */
    BUDGET_NAME_TOTAL("budget.name.total"),
    /** A guest's budget. Argument 0: one of the {@code BUDGET_NAME_} period names. */
    BUDGET_NAME_GUEST("budget.name.guest"),
    /** A chat's budget. Argument 0: one of the {@code BUDGET_NAME_} period names. */
    BUDGET_NAME_CHAT("budget.name.chat"),

    /** The spending period of a day, as a line label: "Today". */
    PERIOD_LABEL_DAY("period.label.day"),
    /** The spending period of a month: "This month". */
    PERIOD_LABEL_MONTH("period.label.month"),
    /** All time: "All time". */
    PERIOD_LABEL_TOTAL("period.label.total"),

    /** Heading of the caller's budget in {@code /budget}. */
    BUDGET_HEADER_SELF("budget.header.self"),
    /** Heading of the caller's budget when the caller is a guest. */
    BUDGET_HEADER_GUEST("budget.header.guest"),
    /** Heading of another member's budget. Argument 0: the member's platform-qualified id. */
    BUDGET_HEADER_MEMBER("budget.header.member"),
    /** Heading of the chat's budget. */
    BUDGET_HEADER_CHAT("budget.header.chat"),
    /** Said to an admin instead of their own budget. */
    BUDGET_ADMIN_EXEMPT("budget.admin_exempt"),
    /**
     * A period with a limit. Arguments: 0 the period label, 1 spent, 2 the limit, 3 what is left
     * (all three formatted).
     */
    BUDGET_LINE_LIMITED("budget.line.limited"),
    /** A period without a limit. Arguments: 0 the period label, 1 spent (formatted). */
    BUDGET_LINE_UNLIMITED("budget.line.unlimited"),
    /** Describes a configured budget that has no limit, as argument 2 of {@link #BUDGET_RESET_MEMBER}. */
    BUDGET_NO_LIMIT("budget.no_limit"),

    /** A member's budget was set. Arguments: 0 the budget name, 1 the member's id, 2 the amount. */
    BUDGET_SET_MEMBER("budget.set.member"),
    /** The chat's budget was set. Arguments: 0 the budget name, 1 the amount. */
    BUDGET_SET_CHAT("budget.set.chat"),
    /** A member's budget limit was lifted. Arguments: 0 the budget name, 1 the member's id. */
    BUDGET_UNLIMITED_MEMBER("budget.unlimited.member"),
    /** The chat's budget limit was lifted. Argument 0: the budget name. */
    BUDGET_UNLIMITED_CHAT("budget.unlimited.chat"),
    /**
     * A member's budget went back to the configured one. Arguments: 0 the budget name, 1 the
     * member's id, 2 the configured amount or {@link #BUDGET_NO_LIMIT}.
     */
    BUDGET_RESET_MEMBER("budget.reset.member"),
    /**
     * The chat's budget went back to the configured one. Arguments: 0 the budget name, 1 the
     * configured amount or {@link #BUDGET_NO_LIMIT}.
     */
    BUDGET_RESET_CHAT("budget.reset.chat"),
    /** How to use {@code /budget}. Argument 0: the display currency code. */
    BUDGET_HELP("budget.help"),
    /** A member who is not an admin tried to change a budget. */
    BUDGET_ADMIN_ONLY("budget.admin_only"),
    /** An unknown period in {@code /budget}. Argument 0: the period as typed. */
    BUDGET_BAD_PERIOD("budget.bad_period"),
    /** An amount that is not a number 0 or more, {@code none} or {@code default}. Argument 0: the amount as typed. */
    BUDGET_BAD_AMOUNT("budget.bad_amount");

    private final String bundleKey;

    UsageText(String bundleKey) {
        this.bundleKey = bundleKey;
    }

    /** Returns the key in the bundles, such as {@code report.member}. */
    public String bundleKey() {
        return bundleKey;
    }
}
