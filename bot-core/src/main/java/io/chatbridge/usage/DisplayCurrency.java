package io.chatbridge.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The currency that members and operators see costs and budgets in, with its conversion rate from
 * US dollars, the currency of price lists.
 *
 * @param code the ISO 4217 code, such as {@code USD} or {@code CNY}
 * @param symbol the sign written before amounts, such as {@code ¥}; empty to write the code after
 *     the amount instead
 * @param perUsd how many units of this currency one US dollar buys, such as 7.2 for CNY
 * @throws IllegalArgumentException when the code is not three upper-case letters or the rate is not
 *     positive
 */
public record DisplayCurrency(String code, String symbol, BigDecimal perUsd) {

    private static final BigDecimal SMALLEST_SHOWN = new BigDecimal("0.0001");


    /** US dollars, the default: no conversion. */
    public static final DisplayCurrency USD = new DisplayCurrency("USD", "$", BigDecimal.ONE);

    private static final BigDecimal PICO_PER_UNIT = BigDecimal.ONE.movePointRight(12);
    private static final Map<String, String> KNOWN_SYMBOLS =
            Map.of("USD", "$", "CNY", "¥", "EUR", "€", "GBP", "£", "JPY", "¥", "HKD", "HK$");

    public DisplayCurrency {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(perUsd, "perUsd");
        if (!code.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency code must be three upper-case letters (ISO 4217), was '"
                    + code + "'");
        }
        if (perUsd.signum() <= 0) {
            throw new IllegalArgumentException("currency rate per USD must be more than 0, was "
                    + perUsd.toPlainString());
        }
    }

    /** Returns the usual sign of a currency code, such as {@code ¥} for CNY, or empty when none is known. */
    public static String defaultSymbol(String code) {
        return KNOWN_SYMBOLS.getOrDefault(code, "");
    }

    /** Converts pico-dollars to an exact amount in this currency. */
    public BigDecimal fromPicoUsd(long picoUsd) {
        return BigDecimal.valueOf(picoUsd).movePointLeft(12).multiply(perUsd);
    }

    /** Converts an amount in this currency to pico-dollars, rounding up to the next whole pico-dollar. */
    public long toPicoUsd(BigDecimal amount) {
        return amount.multiply(PICO_PER_UNIT).divide(perUsd, 0, RoundingMode.CEILING).longValueExact();
    }

    /**
     * Formats an amount for people: two decimal places from 1 up, and up to four below 1 so that
     * the cost of a few messages does not show as zero. Uses {@code .} and {@code ,} whatever the
     * language, such as {@code ¥1,234.50}, {@code $0.0012} or {@code 3.10 CHF}.
     */
    public String format(BigDecimal amount) {
        // A short answer costs a few millionths of a dollar; "$0.00" would read as free.
        if (amount.signum() > 0 && amount.compareTo(SMALLEST_SHOWN) < 0) {
            return "<" + format(SMALLEST_SHOWN);
        }
        String pattern = amount.abs().compareTo(BigDecimal.ONE) >= 0 ? "#,##0.00" : "0.00##";
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        String number = format.format(amount);
        if (symbol.isEmpty()) {
            return number + " " + code;
        }
        return amount.signum() < 0 ? "-" + symbol + number.substring(1) : symbol + number;
    }

    /** Formats pico-dollars converted to this currency, as {@link #format(BigDecimal)} does. */
    public String formatPicoUsd(long picoUsd) {
        return format(fromPicoUsd(picoUsd));
    }
}
