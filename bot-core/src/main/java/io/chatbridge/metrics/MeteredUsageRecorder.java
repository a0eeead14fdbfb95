package io.chatbridge.metrics;

import io.chatbridge.usage.ModelCall;
import io.chatbridge.usage.PriceTable;
import io.chatbridge.usage.UsageRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Passes each model call to another recorder, then counts it in {@link BotMetrics}. Thread-safe. */
final class MeteredUsageRecorder implements UsageRecorder {

    private static final Logger log = LoggerFactory.getLogger(MeteredUsageRecorder.class);

    private final UsageRecorder ledger;
    private final BotMetrics metrics;
    private final PriceTable prices;

    MeteredUsageRecorder(UsageRecorder ledger, BotMetrics metrics, PriceTable prices) {
        this.ledger = ledger;
        this.metrics = metrics;
        this.prices = prices;
    }

    @Override
    public void record(ModelCall call) {
        try {
            ledger.record(call);
        } finally {
            count(call);
        }
    }

    // A failure here must not hide the ledger's own exception or stop the answer.
    private void count(ModelCall call) {
        try {
            metrics.modelCall(call, prices.costPicoUsd(call.model(), call.usage()));
        } catch (RuntimeException e) {
            log.error("Could not count a model call in {} in the metrics: model {}: {}", call.key(), call.model(),
                    e.toString());
        }
    }
}
