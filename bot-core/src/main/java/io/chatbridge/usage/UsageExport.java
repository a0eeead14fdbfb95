package io.chatbridge.usage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The operator's usage reports from the ledger, for the {@code usage} command: totals grouped by
 * day, chat, user or model, and the per-request rows as CSV. Dates are local dates in the
 * configured time zone, and a period runs from the start of its first day to the end of its last.
 * Thread-safe.
 */
public final class UsageExport {

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final int TABLE_COST_DECIMALS = 6;

    private final UsageLedger ledger;
    private final ZoneId zone;
    private final DisplayCurrency currency;

    /** Creates reports over a ledger with the time zone and currency of the usage settings. */
    public UsageExport(UsageLedger ledger, UsageSettings settings) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.zone = settings.timeZone();
        this.currency = settings.currency();
    }

    /**
     * Returns the window from the start of {@code from} to the end of {@code to}, both local dates.
     *
     * @throws IllegalArgumentException when {@code to} is before {@code from}
     */
    public TimeWindow window(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        return TimeWindow.of(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /**
     * Returns the totals of each group in a window: days in date order, other groups most costly
     * first and then by name. A user group is named {@code platform:id}, followed by the newest
     * display name in brackets when the ledger has one.
     */
    public Map<String, UsageTotals> totals(TimeWindow window, UsageGrouping grouping) {
        Map<String, UsageTotals> totals = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        ledger.forEach(window, entry -> {
            String group = group(entry, grouping);
            totals.merge(group, UsageTotals.ZERO.plus(entry), UsageExport::sum);
            if (entry.userName() != null) {
                names.put(group, entry.userName());
            }
        });

        Comparator<Map.Entry<String, UsageTotals>> order = grouping == UsageGrouping.DAY
                ? Map.Entry.comparingByKey()
                : Comparator.<Map.Entry<String, UsageTotals>>comparingLong(e -> e.getValue().costPicoUsd()).reversed()
                        .thenComparing(Map.Entry.comparingByKey());
        Map<String, UsageTotals> sorted = new LinkedHashMap<>();
        totals.entrySet().stream().sorted(order).forEach(e -> {
            String name = grouping == UsageGrouping.USER ? names.get(e.getKey()) : null;
            sorted.put(name == null ? e.getKey() : e.getKey() + " (" + name + ")", e.getValue());
        });
        return sorted;
    }

    /**
     * Writes a table of the totals of each group, with a header and a total line. Costs are in US
     * dollars rounded to six decimal places, and in the display currency when it is another one.
     */
    public void writeTable(TimeWindow window, UsageGrouping grouping, Appendable out) throws IOException {
        Map<String, UsageTotals> groups = totals(window, grouping);
        UsageTotals all = groups.values().stream().reduce(UsageTotals.ZERO, UsageExport::sum);

        List<List<String>> rows = new ArrayList<>();
        rows.add(tableHeader(grouping));
        groups.forEach((group, totals) -> rows.add(tableRow(group, totals)));
        rows.add(tableRow("TOTAL", all));

        int[] widths = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String padding = " ".repeat(widths[i] - cell.length());
                // Names left-aligned, numbers right-aligned so their digits line up.
                line.append(i == 0 ? cell + padding : "  " + padding + cell);
            }
            out.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
    }

    /**
     * Writes every request in a window as CSV (RFC 4180, UTF-8 text, CRLF line ends), one header
     * line first. Costs are exact: {@code cost_usd} in US dollars, and a column in the display
     * currency when it is another one. Times are {@code local_time} in the configured zone, which
     * spreadsheets read as a date and time, and {@code utc_time} in ISO-8601.
     */
    public void writeCsv(TimeWindow window, Appendable out) throws IOException {
        Csv.writeRow(out, csvHeader());
        try {
            ledger.forEach(window, entry -> {
                try {
                    Csv.writeRow(out, csvRow(entry));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private List<String> tableHeader(UsageGrouping grouping) {
        List<String> header = new ArrayList<>(List.of(grouping.id(), "requests", "prompt_tokens",
                "cached_prompt_tokens", "completion_tokens", "cost_usd"));
        if (!isUsd()) {
            header.add("cost_" + currency.code().toLowerCase(Locale.ROOT));
        }
        return header;
    }

    private List<String> tableRow(String group, UsageTotals totals) {
        List<String> row = new ArrayList<>(List.of(group, Long.toString(totals.requests()),
                Long.toString(totals.promptTokens()), Long.toString(totals.cachedPromptTokens()),
                Long.toString(totals.completionTokens()),
                usd(totals.costPicoUsd()).setScale(TABLE_COST_DECIMALS, RoundingMode.HALF_UP).toPlainString()));
        if (!isUsd()) {
            row.add(currency.fromPicoUsd(totals.costPicoUsd()).setScale(TABLE_COST_DECIMALS, RoundingMode.HALF_UP)
                    .toPlainString());
        }
        return row;
    }

    private List<String> csvHeader() {
        List<String> header = new ArrayList<>(List.of("local_time", "utc_time", "platform", "chat_id", "thread_id",
                "user_id", "user_name", "model", "upstream", "prompt_tokens", "cached_prompt_tokens",
                "completion_tokens", "cost_usd"));
        if (!isUsd()) {
            header.add("cost_" + currency.code().toLowerCase(Locale.ROOT));
        }
        header.addAll(List.of("estimated", "ttft_ms", "total_ms", "outcome", "error_kind"));
        return header;
    }

    private List<String> csvRow(LedgerEntry entry) {
        List<String> row = new ArrayList<>(List.of(
                LOCAL_TIME.format(ZonedDateTime.ofInstant(entry.startedAt(), zone)),
                entry.startedAt().toString(),
                entry.platform().id(),
                entry.chatId(),
                Objects.requireNonNullElse(entry.threadId(), ""),
                entry.userId(),
                Csv.text(Objects.requireNonNullElse(entry.userName(), "")),
                entry.model(),
                entry.upstream(),
                Integer.toString(entry.promptTokens()),
                Integer.toString(entry.cachedPromptTokens()),
                Integer.toString(entry.completionTokens()),
                plain(usd(entry.costPicoUsd()))));
        if (!isUsd()) {
            row.add(plain(currency.fromPicoUsd(entry.costPicoUsd())));
        }
        row.addAll(List.of(
                Boolean.toString(entry.estimated()),
                entry.timeToFirstTokenMillis() == null ? "" : entry.timeToFirstTokenMillis().toString(),
                Long.toString(entry.totalMillis()),
                entry.outcome().name().toLowerCase(Locale.ROOT),
                entry.error() == null ? "" : entry.error().name().toLowerCase(Locale.ROOT)));
        return row;
    }

    private static UsageTotals sum(UsageTotals a, UsageTotals b) {
        return new UsageTotals(a.requests() + b.requests(), a.promptTokens() + b.promptTokens(),
                a.cachedPromptTokens() + b.cachedPromptTokens(), a.completionTokens() + b.completionTokens(),
                Math.addExact(a.costPicoUsd(), b.costPicoUsd()));
    }

    private String group(LedgerEntry entry, UsageGrouping grouping) {
        return switch (grouping) {
            case DAY -> LocalDate.ofInstant(entry.startedAt(), zone).toString();
            case CHAT -> QualifiedId.of(entry.platform(), entry.chatId());
            case USER -> QualifiedId.of(entry.platform(), entry.userId());
            case MODEL -> entry.model();
        };
    }

    private boolean isUsd() {
        return currency.code().equals("USD");
    }

    private static BigDecimal usd(long picoUsd) {
        return BigDecimal.valueOf(picoUsd).movePointLeft(12);
    }

    /** Returns a plain decimal without trailing zeros, and {@code 0} for zero. */
    private static String plain(BigDecimal amount) {
        return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
    }
}
