package io.chatbridge.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Records the Logback events of a logger and its children while open, for tests that assert what
 * was logged. Lowers the logger's level to {@code DEBUG} while open, so that debug lines are seen
 * even when the test configuration logs less, and restores it on {@link #close()}. Thread-safe.
 */
public final class LogCapture implements AutoCloseable {

    /** One recorded event: its level, logger name and formatted message with any exception's text. */
    public record Line(Level level, String logger, String message) {}

    private final Logger logger;
    private final Level previousLevel;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new Line(event.getLevel(), event.getLoggerName(), render(event)));
        }
    };

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.previousLevel = logger.getLevel();
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
    }

    /** Starts recording a logger by name and everything below it, such as {@code io.chatbridge}. */
    public static LogCapture of(String loggerName) {
        return new LogCapture((Logger) LoggerFactory.getLogger(loggerName));
    }

    /** Starts recording every logger. */
    public static LogCapture all() {
        return of(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Returns every line recorded so far, oldest first. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Returns the lines at exactly this level. */
    public List<Line> lines(Level level) {
        return lines.stream().filter(line -> line.level().equals(level)).toList();
    }

    /** Returns the lines whose message contains the text. */
    public List<Line> containing(String text) {
        return lines.stream().filter(line -> line.message().contains(text)).toList();
    }

    /** Returns all recorded text, one line per event, for searching. */
    public String text() {
        var text = new StringBuilder();
        for (Line line : lines) {
            text.append(line.level()).append(' ').append(line.logger()).append(" - ").append(line.message()).append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previousLevel);
    }

    /** Returns the message with the exception chain's types, messages and stack frames, as an appender would print them. */
    private static String render(ILoggingEvent event) {
        var text = new StringBuilder(event.getFormattedMessage());
        List<IThrowableProxy> seen = new ArrayList<>();
        for (IThrowableProxy error = event.getThrowableProxy(); error != null && !seen.contains(error);
                error = error.getCause()) {
            seen.add(error);
            text.append("\n").append(error.getClassName()).append(": ").append(error.getMessage());
            for (var frame : error.getStackTraceElementProxyArray()) {
                text.append("\n\tat ").append(frame.getSTEAsString());
            }
        }
        return text.toString();
    }
}
