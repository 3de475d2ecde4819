package dev.sipyard.media;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stream's callbacks (digits, media timeout, completed futures) one after another, in
 * the order they were submitted, on a shared executor: never on the clock or selector thread.
 */
final class SerialCallbacks {
    private static final Logger log = LoggerFactory.getLogger(SerialCallbacks.class);
    private static final int MAX_QUEUED = 1_000;

    private static final OccasionalWarning callbackFailed = new OccasionalWarning(log, "media callback failed");
    private static final OccasionalWarning overflow = new OccasionalWarning(log,
            "media callbacks: " + MAX_QUEUED + " waiting on one stream, dropping (a listener is stuck?)");
    private final Executor executor;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    SerialCallbacks(Executor executor) {
        this.executor = executor;
    }

    void submit(Runnable task) {
        synchronized (this) {
            if (queue.size() >= MAX_QUEUED) {
                overflow.warn(null);
                return;
            }
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain(); // the engine is shutting down: run them here rather than lose them
        }
    }

    private void drain() {
        while (true) {
            Runnable task;
            synchronized (this) {
                task = queue.poll();
                if (task == null) {
                    draining = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                callbackFailed.warn(e);
            }
        }
    }
}
