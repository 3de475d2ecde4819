package dev.sipyard.common;

import java.time.Duration;
import org.slf4j.Logger;

/**
 * A daemon thread that runs one task at a fixed pause until closed. A task that throws is logged
 * at debug level and run again next round: the tasks here talk to a database that may be away for
 * a while (a restart, a fail-over), and each round is worth trying on its own.
 */
public final class PeriodicTask implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;

    private PeriodicTask(String name, Duration pause, Runnable task, Logger log) {
        long millis = pause.toMillis();
        this.thread = Thread.ofPlatform().daemon().name(name).start(() -> {
            while (running) {
                try {
                    Thread.sleep(millis);
                    task.run();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    log.debug("{} failed this round: {}", name, e.toString());
                }
            }
        });
    }

    /** Starts thread {@code name} running {@code task} after each {@code pause}; failures go to {@code log}. */
    public static PeriodicTask start(String name, Duration pause, Runnable task, Logger log) {
        return new PeriodicTask(name, pause, task, log);
    }

    /** Stops the thread, waiting up to 2 s for a round in progress to finish. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
