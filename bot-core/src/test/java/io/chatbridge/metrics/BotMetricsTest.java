package io.chatbridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatbridge.conversation.ConversationKey;
import io.chatbridge.engine.Platform;
import io.chatbridge.i18n.MessageKey;
import io.chatbridge.model.ModelErrorKind;
import io.chatbridge.model.Usage;
import io.chatbridge.usage.CallOutcome;
import io.chatbridge.usage.ModelCall;
import io.chatbridge.usage.ModelPrice;
import io.chatbridge.usage.PriceTable;
import io.chatbridge.usage.UsageRecorder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BotMetricsTest {

    private static final ConversationKey KEY = new ConversationKey(Platform.DISCORD, "1300000000000000003", null, null);
    private static final PriceTable PRICES = new PriceTable(
            Map.of("gpt-4o", new ModelPrice(new BigDecimal("2.50"), new BigDecimal("1.25"), new BigDecimal("10.00"))),
            ModelPrice.GPT_4O_MINI);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BotMetrics metrics = BotMetrics.create(registry);

    private static ModelCall call(String model, Usage usage, Duration firstToken, CallOutcome outcome,
            ModelErrorKind error) {
        return new ModelCall(Instant.parse("2026-12-04T10:00:00Z"), KEY, "1300000000000000002", model, "api.openai.com",
                usage, firstToken, Duration.ofSeconds(3), outcome, error);
    }

    private double counter(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    @Test
    void recorderPricesEachCallAtItsModel() {
        UsageRecorder recorder = metrics.recording(UsageRecorder.NONE, PRICES);

        recorder.record(call("gpt-4o", new Usage(1000, 400, 200, false), Duration.ofMillis(800), CallOutcome.ANSWERED,
                null));
        recorder.record(call("gpt-4o", new Usage(500, 0, 0, true), null, CallOutcome.FAILED,
                ModelErrorKind.TIMEOUT));

        // 600 uncached at 2.50, 400 cached at 1.25, 200 out at 10.00, then 500 uncached at 2.50 per million.
        assertThat(counter(BotMetrics.MODEL_COST, "model", "gpt-4o")).isEqualTo(0.00525);
        assertThat(counter(BotMetrics.MODEL_TOKENS, "model", "gpt-4o", "type", "prompt")).isEqualTo(1500);
        assertThat(counter(BotMetrics.MODEL_TOKENS, "model", "gpt-4o", "type", "completion")).isEqualTo(200);
        assertThat(counter(BotMetrics.MODEL_CALLS, "model", "gpt-4o", "outcome", "answered", "error", "none"))
                .isEqualTo(1);
        assertThat(counter(BotMetrics.MODEL_CALLS, "model", "gpt-4o", "outcome", "failed", "error", "timeout"))
                .isEqualTo(1);
        assertThat(registry.get(BotMetrics.MODEL_FIRST_TOKEN).timer().count()).isEqualTo(1);
        assertThat(registry.get(BotMetrics.MODEL_CALL_DURATION).tags("outcome", "failed").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(3);
    }

    @Test
    void recorderWritesTheLedgerFirst() {
        List<String> order = new ArrayList<>();
        UsageRecorder ledger = call -> order.add("ledger:" + registry.find(BotMetrics.MODEL_CALLS).counters().size());

        metrics.recording(ledger, PRICES).record(call("gpt-4o-mini", new Usage(10, 0, 5, false), Duration.ZERO,
                CallOutcome.ANSWERED, null));

        assertThat(order).containsExactly("ledger:0");
        assertThat(counter(BotMetrics.MODEL_CALLS, "outcome", "answered")).isEqualTo(1);
    }

    @Test
    void failingLedgerStillCountsAndPassesItsException() {
        UsageRecorder ledger = call -> {
            throw new IllegalStateException("database is closed");
        };
        UsageRecorder recorder = metrics.recording(ledger, PRICES);

        assertThatThrownBy(() -> recorder.record(call("gpt-4o-mini", new Usage(10, 0, 5, false), Duration.ZERO,
                CallOutcome.ANSWERED, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database is closed");
        assertThat(counter(BotMetrics.MODEL_CALLS, "outcome", "answered")).isEqualTo(1);
    }

    @Test
    void inboundDecisionsHaveTheirTags() {
        metrics.inbound(Platform.DISCORD, InboundDecision.REFUSED_RATE_LIMIT);
        metrics.inbound(Platform.DISCORD, InboundDecision.REFUSED_RATE_LIMIT);
        metrics.inbound(Platform.TELEGRAM, InboundDecision.ANSWERED);

        assertThat(counter(BotMetrics.INBOUND_MESSAGES, "platform", "discord", "decision", "refused",
                "reason", "rate_limit")).isEqualTo(2);
        assertThat(counter(BotMetrics.INBOUND_MESSAGES, "platform", "telegram", "decision", "answered",
                "reason", "none")).isEqualTo(1);
    }

    @Test
    void refusalReasonsMapToDecisions() {
        assertThat(InboundDecision.refusedWith(MessageKey.LIMIT_RATE)).isEqualTo(InboundDecision.REFUSED_RATE_LIMIT);
        assertThat(InboundDecision.refusedWith(MessageKey.LIMIT_IN_FLIGHT))
                .isEqualTo(InboundDecision.REFUSED_IN_FLIGHT);
        assertThat(InboundDecision.refusedWith(MessageKey.LIMIT_BUDGET)).isEqualTo(InboundDecision.REFUSED_BUDGET);
        assertThat(InboundDecision.refusedWith(MessageKey.ADMIN_ONLY)).isEqualTo(InboundDecision.REFUSED_OTHER_LIMIT);
    }

    @Test
    void disabledMetricsKeepNoValues() {
        BotMetrics disabled = BotMetrics.disabled();

        disabled.inbound(Platform.TELEGRAM, InboundDecision.ANSWERED);
        disabled.modelCall(call("gpt-4o-mini", new Usage(10, 0, 5, false), Duration.ZERO, CallOutcome.ANSWERED, null),
                4_500_000);

        assertThat(disabled.registry().get(BotMetrics.INBOUND_MESSAGES).counter().count()).isZero();
        assertThat(disabled.registry().get(BotMetrics.MODEL_TOKENS).tag("type", "prompt").counter().count()).isZero();
    }

    @Test
    void jvmMetricsAreBound() {
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        try {
            assertThat(registry.find("jvm.memory.used").gauges()).isNotEmpty();
            assertThat(registry.find("jvm.threads.live").gauge()).isNotNull();
            assertThat(registry.find("process.uptime").timeGauge()).isNotNull();
            assertThat(registry.find("system.cpu.count").gauge()).isNotNull();
            assertThat(registry.find("jvm.gc.memory.allocated").counter()).isNotNull();
        } finally {
            jvm.close();
        }
    }
}
