package io.chatbridge.config;

import org.jspecify.annotations.Nullable;

/**
 * The metrics endpoint.
 *
 * @param listen where {@code /metrics} and {@code /healthz} are served ({@code metrics.listen},
 *     {@code CHATBRIDGE_METRICS_LISTEN}), or null when the endpoint is off, which is the default
 */
public record MetricsSettings(@Nullable ListenAddress listen) {

    /** The default: no endpoint. */
    public static final MetricsSettings OFF = new MetricsSettings(null);

    /** Returns whether the endpoint is served. */
    public boolean enabled() {
        return listen != null;
    }
}
