package dev.sipyard.webhook;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;

/**
 * When a failed callback is tried again: after 1 s, then twice as long each time, never longer
 * than {@code max}, each wait shortened by up to a tenth at random so that callbacks failing
 * together do not retry in lockstep; and not at all once {@code retryFor} has passed since the
 * callback was written.
 */
final class RetryPolicy {
    private static final long FIRST_WAIT_MS = 1000;

    private final long maxMs;
    private final long retryForMs;
    private final RandomGenerator random;

    RetryPolicy(Duration max, Duration retryFor, RandomGenerator random) {
        this.maxMs = Math.max(1, max.toMillis());
        this.retryForMs = retryFor.toMillis();
        this.random = random;
    }

    /** The wait after the {@code failures}-th failed attempt (1 or more). */
    long waitMillis(int failures) {
        int doublings = Math.min(Math.max(failures, 1) - 1, 40);
        long nominal = Math.min(maxMs, FIRST_WAIT_MS << doublings);
        long jitter = (long) (nominal * 0.1 * random.nextDouble());
        return Math.max(1, nominal - jitter);
    }

    /** When to try again after {@code failures} failed attempts, or empty to give up. */
    OptionalLong nextAttemptAt(long createdAt, int failures, long now) {
        if (now - createdAt >= retryForMs) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(now + waitMillis(failures));
    }
}
