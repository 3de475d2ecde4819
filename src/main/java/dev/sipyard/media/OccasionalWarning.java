package dev.sipyard.media;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * A warning that can repeat per packet or per tick, logged at most once a minute with the number
 * of times it happened meanwhile (so a broken stream or a hostile peer cannot flood the log).
 */
final class OccasionalWarning {
    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private final Logger log;
    private final String message;
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

    OccasionalWarning(Logger log, String message) {
        this.log = log;
        this.message = message;
    }

    void warn(Throwable cause) {
        long now = System.nanoTime();
        long last = lastNanos.get();
        if (now - last < INTERVAL_NANOS || !lastNanos.compareAndSet(last, now)) {
            suppressed.incrementAndGet();
            return;
        }
        long more = suppressed.getAndSet(0);
        log.warn("{} ({} more in the last minute)", message, more, cause);
    }
}
