package io.chatbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @Test
    void parsesEachUnit() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationText.parse("0s")).isEqualTo(Duration.ZERO);
    }

    @Test
    void parsesCombinedUnitsAndCase() {
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("1m 500ms")).isEqualTo(Duration.ofMillis(60_500));
        assertThat(DurationText.parse("10S")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void parsesIso8601() {
        assertThat(DurationText.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("pt1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("P1D")).isEqualTo(Duration.ofDays(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "1.5s", "-5s", "PT-5S", "5 minutes", "s", "5w", "1h 30", "P"})
    void rejectsOtherForms(String text) {
        assertThat(DurationText.parse(text)).isNull();
    }

    @Test
    void formatsInLargestExactUnit() {
        assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationText.format(Duration.ofMillis(100))).isEqualTo("100ms");
        assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThat(DurationText.format(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(DurationText.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    }
}
