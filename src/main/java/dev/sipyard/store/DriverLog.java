package dev.sipyard.store;

import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's driver logs through {@code java.util.logging}, whose default handler prints to
 * stderr, stack trace included: closing a connection whose server went away writes "Failed to
 * closed stream ... Broken pipe" with some thirty frames. Its records go to SLF4J logger
 * {@code org.postgresql} at DEBUG instead, where the log's format and levels apply; the outage
 * itself is reported once, by {@link Availability}.
 */
final class DriverLog {
    /** Held: java.util.logging keeps loggers weakly, and a collected one would lose this set-up. */
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");
    private static final org.slf4j.Logger log = LoggerFactory.getLogger("org.postgresql");
    private static final SimpleFormatter MESSAGES = new SimpleFormatter();
    private static boolean routed;

    private DriverLog() {}

    /** Routes the driver's records to SLF4J (once per process). */
    static synchronized void route() {
        if (routed) {
            return;
        }
        DRIVER.setUseParentHandlers(false);
        DRIVER.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (log.isDebugEnabled()) {
                    log.debug(MESSAGES.formatMessage(r), r.getThrown());
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        routed = true;
    }
}
