package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleFromHalfASecond() {
        Backoff backoff = new Backoff(() -> 0.0);

        assertThat(backoff.delayBefore(1, null)).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff.delayBefore(2, null)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayBefore(3, null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayBefore(4, null)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void jitterShortensByAtMostTwentyPercent() {
        Backoff almostOne = new Backoff(() -> 0.999_999);

        assertThat(almostOne.delayBefore(1, null)).isGreaterThan(Duration.ofMillis(400));
        assertThat(almostOne.delayBefore(1, null)).isLessThan(Duration.ofMillis(401));
    }

    @Test
    void waitsAreCappedAtOneMinute() {
        Backoff backoff = new Backoff(() -> 0.0);

        assertThat(backoff.delayBefore(8, null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayBefore(50, null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delayBefore(1, Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void retryAfterIsUsedWithoutJitter() {
        Backoff backoff = new Backoff(() -> 0.9);

        assertThat(backoff.delayBefore(3, Duration.ofMillis(210))).isEqualTo(Duration.ofMillis(210));
    }
}
