package dev.sipyard;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What SIGTERM does to a serving node: the first one starts the JVM's orderly exit with status 0
 * (whose shutdown hook drains the node, then closes it); a second one cuts the drain short. A
 * watchdog halts the JVM if the stop hangs well past the drain time (a database that never
 * answers, say), so that a stop always ends.
 */
final class StopSignals {
    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    /** How long closing may take after the drain time before the watchdog halts the JVM. */
    static final Duration CLOSE_LIMIT = Duration.ofSeconds(30);

    private StopSignals() {}

    /**
     * Installs the SIGTERM handler for {@code server}. Where the JVM does not allow it, SIGTERM keeps
     * its default (the shutdown hook still drains the node; the exit status is then 143).
     */
    @SuppressWarnings("removal")
    static void install(SipyardServer server, int drainSeconds) {
        boolean[] stopping = {false};
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                synchronized (stopping) {
                    if (stopping[0]) {
                        log.info("second stop signal: ending the drain now");
                        server.drain().hurry();
                        return;
                    }
                    stopping[0] = true;
                }
                startWatchdog(Duration.ofSeconds(drainSeconds).plus(CLOSE_LIMIT));
                Thread.ofPlatform().name("sipyard-exit").start(() -> System.exit(0));
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.debug("SIGTERM handler not installed: {}", e.toString());
        }
    }

    private static void startWatchdog(Duration limit) {
        Thread.ofPlatform().name("sipyard-stop-watchdog").daemon().start(() -> {
            try {
                Thread.sleep(limit);
            } catch (InterruptedException e) {
                return;
            }
            log.error("the stop did not finish within {} s; halting", limit.toSeconds());
            Runtime.getRuntime().halt(1);
        });
    }
}
