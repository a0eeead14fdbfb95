package io.chatbridge.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DisplayCurrencyTest {

    private static final DisplayCurrency CNY = new DisplayCurrency("CNY", "¥", new BigDecimal("7.2"));

    @Test
    void convertsPicoDollarsExactly() {
        // 0.000435 USD at 7.2 CNY per USD.
        assertThat(CNY.fromPicoUsd(435_000_000L)).isEqualByComparingTo("0.003132");
    }

    @Test
    void convertsBackRoundingUp() {
        assertThat(CNY.toPicoUsd(new BigDecimal("7.2"))).isEqualTo(1_000_000_000_000L);
        assertThat(CNY.toPicoUsd(new BigDecimal("1"))).isEqualTo(138_888_888_889L);
    }

    @Test
    void formatsAmountsFromOneWithTwoDecimals() {
        assertThat(CNY.format(new BigDecimal("1234.5"))).isEqualTo("¥1,234.50");
        assertThat(CNY.format(new BigDecimal("7.2"))).isEqualTo("¥7.20");
        assertThat(CNY.format(new BigDecimal("1.005"))).isEqualTo("¥1.01");
    }

    @Test
    void formatsSmallAmountsWithUpToFourDecimals() {
        assertThat(DisplayCurrency.USD.format(new BigDecimal("0.0012"))).isEqualTo("$0.0012");
        assertThat(DisplayCurrency.USD.format(new BigDecimal("0.5"))).isEqualTo("$0.50");
        assertThat(DisplayCurrency.USD.format(new BigDecimal("0.000435"))).isEqualTo("$0.0004");
        assertThat(DisplayCurrency.USD.format(BigDecimal.ZERO)).isEqualTo("$0.00");
    }

    @Test
    void formatsCodeAfterAmountWithoutSymbol() {
        DisplayCurrency chf = new DisplayCurrency("CHF", "", new BigDecimal("0.9"));

        assertThat(chf.format(new BigDecimal("3.1"))).isEqualTo("3.10 CHF");
    }

    @Test
    void rejectsLowerCaseCode() {
        assertThatThrownBy(() -> new DisplayCurrency("cny", "¥", BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency code must be three upper-case letters (ISO 4217), was 'cny'");
    }

    @Test
    void rejectsZeroRate() {
        assertThatThrownBy(() -> new DisplayCurrency("CNY", "¥", BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("currency rate per USD must be more than 0, was 0");
    }
}
