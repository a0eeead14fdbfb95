package io.chatbridge.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;

/** A budget period: the calendar day, the calendar month, or all time, in the configured time zone. */
public enum Period {
    DAY,
    MONTH,
    TOTAL;

    /** Returns the spelling used in configuration and commands: {@code day}, {@code month} or {@code total}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code day}, {@code month} or {@code total} in any case.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static Period parse(String value) {
        for (Period period : values()) {
            if (period.id().equalsIgnoreCase(value.strip())) {
                return period;
            }
        }
        throw new IllegalArgumentException("unknown budget period '" + value + "', expected day, month or total");
    }

    /**
     * Returns the period that contains an instant: for {@link #DAY} from local midnight to the
     * next one, for {@link #MONTH} from the first of the month, and for {@link #TOTAL} all of time.
     */
    public TimeWindow windowAt(Instant instant, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        return switch (this) {
            case DAY -> TimeWindow.of(date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
            case MONTH -> {
                LocalDate first = date.withDayOfMonth(1);
                yield TimeWindow.of(first.atStartOfDay(zone).toInstant(), first.plusMonths(1).atStartOfDay(zone).toInstant());
            }
            case TOTAL -> TimeWindow.ALL;
        };
    }
}
