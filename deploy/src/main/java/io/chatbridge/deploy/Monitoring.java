package io.chatbridge.deploy;

import io.chatbridge.config.ListenAddress;
import io.chatbridge.config.MetricsSettings;
import io.chatbridge.metrics.BotMetrics;
import io.chatbridge.metrics.JvmMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of {@code chatbridge run}: a Prometheus registry with the bot's and the JVM's
 * meters, the {@link MetricsServer} that serves it at {@code metrics.listen}, and the state that
 * {@code /healthz} reports. When {@code metrics.listen} is empty, nothing is served and the bot's
 * meters record nothing.
 *
 * <p>{@code /healthz} returns 503 {@code starting} until {@link #running} is called, then 200
 * {@code ok} with the adapters that started, then 503 {@code stopping} after {@link #stopping}.
 * NOTE: it reports the adapters that started, not whether their connections are up now: a
 * Discord gateway that reconnects or a failing Telegram poll still shows as started.
 *
 * <p>Thread-safe.
 */
final class Monitoring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Monitoring.class);

    private enum Phase { STARTING, RUNNING, STOPPING }

    private final BotMetrics metrics;
    private final @Nullable PrometheusMeterRegistry registry;
    private final @Nullable JvmMetrics jvm;
    /** Set once by {@link #start}, before the instance is handed out. */
    private volatile @Nullable MetricsServer server;
    private volatile Phase phase = Phase.STARTING;
    private volatile List<String> adapters = List.of();

    private Monitoring(BotMetrics metrics, @Nullable PrometheusMeterRegistry registry, @Nullable JvmMetrics jvm) {
        this.metrics = metrics;
        this.registry = registry;
        this.jvm = jvm;
    }

    /**
     * Starts serving metrics when the settings ask for it, else returns metrics that record nothing.
     *
     * @throws IOException when the address cannot be resolved or bound; the message names the key
     *     and the address and says what to do
     */
    static Monitoring start(MetricsSettings settings) throws IOException {
        ListenAddress listen = settings.listen();
        if (listen == null) {
            return new Monitoring(BotMetrics.disabled(), null, null);
        }
        InetSocketAddress address = new InetSocketAddress(listen.host(), listen.port());
        if (address.isUnresolved()) {
            throw new IOException("Could not serve metrics on " + listen + " (metrics.listen): the host name is"
                    + " unknown; give an IP address such as 127.0.0.1:" + listen.port());
        }

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        Monitoring monitoring = new Monitoring(BotMetrics.create(registry), registry, jvm);
        try {
            monitoring.server = MetricsServer.start(address, registry, monitoring::health);
        } catch (IOException e) {
            jvm.close();
            registry.close();
            throw new IOException("Could not serve metrics on " + listen + " (metrics.listen): " + e.getMessage()
                    + "; choose a free port, or leave metrics.listen empty to turn the endpoint off", e);
        }
        log.info("Serving metrics at http://{}/metrics and health at http://{}/healthz", listen, listen);
        return monitoring;
    }

    /** Returns the bot's meters, for the engine. */
    BotMetrics metrics() {
        return metrics;
    }

    /** Reports the bot as serving, with the adapters that started, such as {@code telegram}. */
    void running(List<String> startedAdapters) {
        adapters = List.copyOf(startedAdapters);
        phase = Phase.RUNNING;
    }

    /** Reports the bot as shutting down. */
    void stopping() {
        phase = Phase.STOPPING;
    }

    MetricsServer.Health health() {
        return switch (phase) {
            case STARTING -> new MetricsServer.Health(false, "starting\n");
            case RUNNING -> new MetricsServer.Health(true, "ok\nadapters: " + String.join(", ", adapters) + "\n");
            case STOPPING -> new MetricsServer.Health(false, "stopping\n");
        };
    }

    /** Stops the endpoint and releases the JVM meters' listeners. */
    @Override
    public void close() {
        MetricsServer running = server;
        if (running != null) {
            running.close();
            log.info("Metrics endpoint stopped");
        }
        if (jvm != null) {
            jvm.close();
        }
        if (registry != null) {
            registry.close();
        }
    }
}
