package io.chatbridge.usage;

import io.chatbridge.testing.ManualClock;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatbridge.engine.InboundMessage;
import io.chatbridge.i18n.Language;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.Usage;
import io.chatbridge.storage.Database;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageExportTest {

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock("2026-12-20T00:00:00Z");
    private Database database;
    private UsageService usage;
    private UsageExport export;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("chatbridge.db"));
        UsageSettings settings = UsageSetup.budgets(Budgets.NONE);
        usage = UsageService.create(database, settings, clock);
        export = new UsageExport(usage.ledger(), settings);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void call(InboundMessage message, String startedAt, String model, Usage tokens) {
        if (usage.gatekeeper().admit(Chats.request(message, false, 1, 1, Language.EN))
                instanceof Admission.Granted granted) {
            granted.release().run();
        }
        usage.recorder().record(Chats.answered(message, Instant.parse(startedAt), model, tokens));
    }

    /** Five calls on 1 and 2 December in Shanghai, and one on 30 November and one on 3 December. */
    private void recordMonth() {
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
        InboundMessage bob = Chats.groupMessage(Chats.OTHER_GROUP, "202", "Bob, \"the builder\"\nJr.");
        InboundMessage mallory = Chats.directMessage("303", "=HYPERLINK(\"http://127.0.0.1\")");
        // 30 November 23:59 in Shanghai: outside the period.
        call(alice, "2026-11-30T15:59:00Z", "gpt-4o-mini", new Usage(5000, 0, 5000, false));
        // 1 December 00:00 in Shanghai, though still 30 November in UTC.
        call(alice, "2026-11-30T16:00:00Z", "gpt-4o-mini", new Usage(1000, 512, 100, false));
        call(bob, "2026-12-01T03:00:00Z", "gpt-4o-mini-2024-07-18", new Usage(13, 0, 5, false));
        call(mallory, "2026-12-01T04:00:00Z", "gpt-4o", new Usage(200, 0, 50, true));
        call(alice, "2026-12-02T01:00:00Z", "gpt-4o-mini", new Usage(41, 0, 38, false));
        usage.recorder().record(Chats.call(bob, Instant.parse("2026-12-02T15:59:59Z"), new Usage(0, 0, 0, true), null,
                CallOutcome.FAILED, ModelErrorKind.TIMEOUT));
        // 3 December 00:00 in Shanghai: outside the period.
        call(alice, "2026-12-02T16:00:00Z", "gpt-4o-mini", new Usage(9000, 0, 9000, false));
    }

    private TimeWindow firstTwoDays() {
        return export.window(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
    }

    @Test
    void csvParsesBackToTheLedgerTotals() throws Exception {
        recordMonth();
        StringBuilder csv = new StringBuilder();

        export.writeCsv(firstTwoDays(), csv);

        List<List<String>> records = CsvParser.parse(csv.toString());
        List<String> header = records.get(0);
        assertThat(header).containsExactly("local_time", "utc_time", "platform", "chat_id", "thread_id", "user_id",
                "user_name", "model", "upstream", "prompt_tokens", "cached_prompt_tokens", "completion_tokens",
                "cost_usd", "cost_cny", "estimated", "ttft_ms", "total_ms", "outcome", "error_kind");
        List<List<String>> rows = records.subList(1, records.size());
        assertThat(rows).hasSize(5);
        for (List<String> row : rows) {
            assertThat(row).hasSameSizeAs(header);
        }

        long prompt = 0;
        long cached = 0;
        long completion = 0;
        BigDecimal usd = BigDecimal.ZERO;
        BigDecimal cny = BigDecimal.ZERO;
        for (List<String> row : rows) {
            prompt += Long.parseLong(row.get(header.indexOf("prompt_tokens")));
            cached += Long.parseLong(row.get(header.indexOf("cached_prompt_tokens")));
            completion += Long.parseLong(row.get(header.indexOf("completion_tokens")));
            usd = usd.add(new BigDecimal(row.get(header.indexOf("cost_usd"))));
            cny = cny.add(new BigDecimal(row.get(header.indexOf("cost_cny"))));
        }
        UsageTotals ledger = usage.ledger().totals(firstTwoDays());
        assertThat(ledger.requests()).isEqualTo(rows.size());
        assertThat(prompt).isEqualTo(ledger.promptTokens());
        assertThat(cached).isEqualTo(ledger.cachedPromptTokens());
        assertThat(completion).isEqualTo(ledger.completionTokens());
        assertThat(usd).isEqualByComparingTo(BigDecimal.valueOf(ledger.costPicoUsd()).movePointLeft(12));
        assertThat(cny).isEqualByComparingTo(UsageSetup.CNY.fromPicoUsd(ledger.costPicoUsd()));
        // The sum of 488 * 0.15 + 512 * 0.075 + 100 * 0.60, 13 * 0.15 + 5 * 0.60, 200 * 0.15 + 50 * 0.60
        // and 41 * 0.15 + 38 * 0.60 USD per million tokens. The unpriced gpt-4o costs as gpt-4o-mini.
        assertThat(usd).isEqualByComparingTo("0.0002655");
    }

    @Test
    void csvRowsQuoteWhereNeeded() throws Exception {
        recordMonth();
        StringBuilder csv = new StringBuilder();

        export.writeCsv(firstTwoDays(), csv);

        List<List<String>> rows = CsvParser.parse(csv.toString());
        assertThat(rows.get(1)).containsExactly("2026-12-01 00:00:00", "2026-11-30T16:00:00Z", "telegram", Chats.GROUP,
                "", "101", "Alice", "gpt-4o-mini", "api.openai.com", "1000", "512", "100", "0.0001716", "0.00123552",
                "false", "420", "1800", "answered", "");
        assertThat(rows.get(2).get(6)).isEqualTo("Bob, \"the builder\"\nJr.");
        assertThat(rows.get(3).get(6)).isEqualTo("'=HYPERLINK(\"http://127.0.0.1\")");
        assertThat(rows.get(3).get(14)).isEqualTo("true");
        assertThat(rows.get(5)).containsExactly("2026-12-02 23:59:59", "2026-12-02T15:59:59Z", "telegram",
                Chats.OTHER_GROUP, "", "202", "Bob, \"the builder\"\nJr.", "gpt-4o-mini", "relay.example.net", "0",
                "0", "0", "0", "0", "true", "", "2500", "failed", "timeout");
        assertThat(csv.toString()).contains("\"Bob, \"\"the builder\"\"\nJr.\"");
        assertThat(csv.toString()).endsWith("timeout\r\n");
    }

    @Test
    void totalsByDayFollowTheConfiguredZone() {
        recordMonth();

        Map<String, UsageTotals> byDay = export.totals(firstTwoDays(), UsageGrouping.DAY);

        assertThat(byDay.keySet()).containsExactly("2026-12-01", "2026-12-02");
        assertThat(byDay.get("2026-12-01").requests()).isEqualTo(3);
        assertThat(byDay.get("2026-12-02").requests()).isEqualTo(2);
    }

    @Test
    void groupTotalsSortByCost() {
        recordMonth();

        Map<String, UsageTotals> byUser = export.totals(firstTwoDays(), UsageGrouping.USER);
        Map<String, UsageTotals> byChat = export.totals(firstTwoDays(), UsageGrouping.CHAT);
        Map<String, UsageTotals> byModel = export.totals(firstTwoDays(), UsageGrouping.MODEL);

        assertThat(byUser.keySet()).containsExactly("telegram:101 (Alice)", "telegram:303 (=HYPERLINK(\"http://127.0.0.1\"))",
                "telegram:202 (Bob, \"the builder\"\nJr.)");
        assertThat(byChat.keySet()).containsExactly("telegram:" + Chats.GROUP, "telegram:303",
                "telegram:" + Chats.OTHER_GROUP);
        assertThat(byModel.keySet()).containsExactly("gpt-4o-mini", "gpt-4o", "gpt-4o-mini-2024-07-18");
        assertThat(byModel.get("gpt-4o")).isEqualTo(new UsageTotals(1, 200, 0, 50, 60_000_000L));
        Map<String, Long> requestsByModel = new HashMap<>();
        byModel.forEach((model, totals) -> requestsByModel.put(model, totals.requests()));
        assertThat(requestsByModel).isEqualTo(Map.of("gpt-4o-mini", 3L, "gpt-4o", 1L, "gpt-4o-mini-2024-07-18", 1L));
    }

    @Test
    void tableShowsGroupsAndTotal() throws Exception {
        InboundMessage alice = Chats.groupMessage(Chats.GROUP, "101", "Alice");
        call(alice, "2026-12-01T03:00:00Z", "gpt-4o-mini", new Usage(1000, 0, 1000, false));
        call(alice, "2026-12-02T03:00:00Z", "gpt-4o", new Usage(13, 0, 5, false));
        StringBuilder table = new StringBuilder();

        export.writeTable(firstTwoDays(), UsageGrouping.MODEL, table);

        String eol = System.lineSeparator();
        assertThat(table.toString()).isEqualTo(String.join(eol,
                "model        requests  prompt_tokens  cached_prompt_tokens  completion_tokens  cost_usd  cost_cny",
                "gpt-4o-mini         1           1000                     0               1000  0.000750  0.005400",
                "gpt-4o              1             13                     0                  5  0.000005  0.000036",
                "TOTAL               2           1013                     0               1005  0.000755  0.005436")
                + eol);
    }

    @Test
    void windowCoversWholeLocalDays() {
        TimeWindow window = export.window(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"));

        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2026-12-31T16:00:00Z"));
        assertThat(Duration.between(window.start(), window.end())).isEqualTo(Duration.ofDays(31));
    }
}
