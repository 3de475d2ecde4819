package dev.sipyard.api;

import dev.sipyard.store.SharedCounters;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Fixed-window counters per key (a project, a client address), in this node's memory. A window
 * starts at a key's first hit and lasts {@code window}; counters of ended windows are swept
 * when the map grows, so many distinct keys cannot exhaust memory. What the other nodes on the
 * same database counted for the key within the window ({@link SharedCounters}) is added.
 */
final class RateCounter {
    private static final int SWEEP_ABOVE = 10_000;

    /** Where a key stands after a hit (or a look): the budget, what is left of it, and when it renews. */
    record State(int limit, int count, long resetNanos) {
        boolean exceeded() {
            return count > limit;
        }

        int remaining() {
            return Math.max(0, limit - count);
        }

        /** Whole seconds until the window renews, at least 1 (the unit of Retry-After and RateLimit-Reset). */
        long resetSeconds() {
            return Math.max(1, (resetNanos + 999_999_999L) / 1_000_000_000L);
        }
    }

    private record Window(long start, int count) {}

    private final int limit;
    private final long windowNanos;
    private final LongSupplier clock;
    private final SharedCounters.Counter shared;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** A counter whose keys are also counted by the other nodes under {@code shared}. */
    RateCounter(int limit, Duration window, LongSupplier nanoClock, SharedCounters.Counter shared) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
        this.shared = shared;
    }

    /** Counts one request of {@code key}. */
    State hit(String key) {
        long now = clock.getAsLong();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> now - w.start() >= windowNanos);
        }
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start() >= windowNanos
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        shared.record(key);
        return new State(limit, w.count() + shared.others(key), w.start() + windowNanos - now);
    }

    /** Where {@code key} stands, without counting. */
    State peek(String key) {
        long now = clock.getAsLong();
        Window w = windows.get(key);
        if (w == null || now - w.start() >= windowNanos) {
            return new State(limit, shared.others(key), windowNanos);
        }
        return new State(limit, w.count() + shared.others(key), w.start() + windowNanos - now);
    }
}
