package dev.sipyard.sip.proxy;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-endpoint call limits on this node: calls in progress at once, and new calls per second.
 * Past either the INVITE gets 503 with Retry-After (toll fraud and runaway scripts start as floods).
 */
final class CallLimits {
    private final int maxConcurrent;
    private final int maxPerSecond;
    private final Clock clock;
    private final ConcurrentHashMap<String, int[]> active = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, long[]> rate = new ConcurrentHashMap<>();
    private final AtomicInteger inProgress = new AtomicInteger();

    CallLimits(int maxConcurrent, int maxPerSecond, Clock clock) {
        this.maxConcurrent = maxConcurrent;
        this.maxPerSecond = maxPerSecond;
        this.clock = clock;
    }

    /** Takes a slot for a new call of {@code endpointId}; null when admitted, else why not. */
    String admit(String endpointId) {
        long second = clock.millis() / 1000;
        long[] r = rate.compute(endpointId, (k, v) -> {
            if (v == null || v[0] != second) {
                return new long[] {second, 1};
            }
            v[1]++;
            return v;
        });
        if (r[1] > maxPerSecond) {
            return "more than " + maxPerSecond + " new calls per second from this endpoint";
        }
        boolean[] over = new boolean[1];
        active.compute(endpointId, (k, v) -> {
            int n = v == null ? 0 : v[0];
            if (n >= maxConcurrent) {
                over[0] = true;
                return v;
            }
            inProgress.incrementAndGet();
            return new int[] {n + 1};
        });
        return over[0] ? "more than " + maxConcurrent + " calls in progress for this endpoint" : null;
    }

    /** Gives back the slot of a call that ended. */
    void release(String endpointId) {
        active.computeIfPresent(endpointId, (k, v) -> {
            inProgress.decrementAndGet();
            return v[0] <= 1 ? null : new int[] {v[0] - 1};
        });
    }

    /** Calls holding a slot on this node: admitted and not yet ended (ringing, answered or in a document). */
    int inProgress() {
        return inProgress.get();
    }

    /** Forgets rate counters of past seconds. */
    void purge() {
        long second = clock.millis() / 1000;
        rate.values().removeIf(v -> v[0] < second - 1);
    }
}
