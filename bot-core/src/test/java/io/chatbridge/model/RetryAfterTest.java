package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void millisecondsArePreferred() {
        Headers headers = Headers.of("retry-after", "1", "retry-after-ms", "210");

        assertThat(RetryAfter.parse(headers, NOW)).isEqualTo(Duration.ofMillis(210));
    }

    @Test
    void fractionalMillisecondsAreKept() {
        assertThat(RetryAfter.parse(Headers.of("retry-after-ms", "1.5"), NOW)).isEqualTo(Duration.ofNanos(1_500_000));
    }

    @Test
    void secondsAreRead() {
        assertThat(RetryAfter.parse(Headers.of("Retry-After", "20"), NOW)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void httpDateIsMeasuredFromNow() {
        Headers headers = Headers.of("retry-after", "Sun, 01 Jun 2025 12:00:45 GMT");

        assertThat(RetryAfter.parse(headers, NOW)).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void pastDateIsZero() {
        Headers headers = Headers.of("retry-after", "Sun, 01 Jun 2025 11:00:00 GMT");

        assertThat(RetryAfter.parse(headers, NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void unreadableOrMissingIsNull() {
        assertThat(RetryAfter.parse(Headers.of(), NOW)).isNull();
        assertThat(RetryAfter.parse(Headers.of("retry-after", "soon"), NOW)).isNull();
        assertThat(RetryAfter.parse(Headers.of("retry-after-ms", "-5"), NOW)).isNull();
    }

    @Test
    void unreadableMillisecondsFallBackToSeconds() {
        Headers headers = Headers.of("retry-after-ms", "NaN", "retry-after", "3");

        assertThat(RetryAfter.parse(headers, NOW)).isEqualTo(Duration.ofSeconds(3));
    }
}
