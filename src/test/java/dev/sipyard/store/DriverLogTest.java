package dev.sipyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class DriverLogTest {
    /**
     * The driver's warning about a connection closed under it reaches the server's log at DEBUG,
     * and never java.util.logging's console handler (stderr, with its stack trace).
     */
    @Test
    void theDriversWarningsGoToTheLogAtDebugNotToStderr() {
        DriverLog.route();
        List<LogRecord> atRoot = new ArrayList<>();
        Handler rootSpy = new Handler() {
            @Override
            public void publish(LogRecord r) {
                atRoot.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger root = Logger.getLogger("");
        ch.qos.logback.classic.Logger slf4j = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.postgresql");
        Level before = slf4j.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        slf4j.addAppender(events);
        slf4j.setLevel(Level.DEBUG);
        root.addHandler(rootSpy);
        try {
            Logger.getLogger("org.postgresql.core.ConnectionFactory").log(java.util.logging.Level.WARNING,
                    "Failed to closed stream with error: {0}", new SocketException("Broken pipe"));
        } finally {
            root.removeHandler(rootSpy);
            slf4j.detachAppender(events);
            slf4j.setLevel(before);
        }
        assertThat(atRoot).isEmpty();
        assertThat(events.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(e.getFormattedMessage()).startsWith("Failed to closed stream");
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("Broken pipe");
        });
    }
}
