package dev.sipyard.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.sipyard.logging.JsonLineLayout;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Every line logged in this JVM while open, as {@link JsonLineLayout} writes it (message, key-value
 * pairs, MDC and an exception's message: everything a log file would hold).
 */
public final class LogCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> appender;

    public LogCapture() {
        JsonLineLayout layout = new JsonLineLayout();
        layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        layout.start();
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(layout.doLayout(event));
            }
        };
        appender.setContext(layout.getContext());
        appender.setName("capture-" + System.identityHashCode(this));
        appender.start();
        root.addAppender(appender);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The captured lines once at least one matches {@code p} (fails after 10 s: the line never came). */
    public List<String> awaitLine(Predicate<String> p, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (lines.stream().noneMatch(p)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no log line " + what + " within 10 s in:\n" + String.join("", lines));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return lines();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
