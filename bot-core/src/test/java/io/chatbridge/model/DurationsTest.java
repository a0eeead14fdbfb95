package io.chatbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void formatsMillisecondsAndSeconds() {
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(Durations.format(Duration.ofMillis(300))).isEqualTo("300 ms");
        assertThat(Durations.format(Duration.ofSeconds(1))).isEqualTo("1 s");
        assertThat(Durations.format(Duration.ofMillis(1_800))).isEqualTo("1.8 s");
        assertThat(Durations.format(Duration.ofSeconds(30))).isEqualTo("30 s");
        assertThat(Durations.format(Duration.ofMillis(59_960))).isEqualTo("60 s");
    }
}
