package io.chatbridge.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;

/**
 * The JVM and process meters of Micrometer's standard binders: memory pools and buffers
 * ({@code jvm_memory_*}, {@code jvm_buffer_*}), garbage collection ({@code jvm_gc_*}), threads
 * ({@code jvm_threads_*}), CPU ({@code process_cpu_usage}, {@code system_cpu_*}) and uptime
 * ({@code process_uptime_seconds}).
 *
 * <p>{@link #close()} removes the garbage-collection listeners that {@link JvmGcMetrics}
 * installs; the other binders hold nothing to release.
 */
public final class JvmMetrics implements AutoCloseable {

    private final JvmGcMetrics gc;

    private JvmMetrics(JvmGcMetrics gc) {
        this.gc = gc;
    }

    /** Binds the JVM and process meters to a registry. Call once per registry. */
    public static JvmMetrics bindTo(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return new JvmMetrics(gc);
    }

    /** Stops listening for garbage collections. */
    @Override
    public void close() {
        gc.close();
    }
}
