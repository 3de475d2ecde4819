package dev.sipyard.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Fixed-window counters per key (a project, a client address), in this node's memory. A window
 * starts at a key's first hit and lasts {@code window}; counters of ended windows are swept
 * when the map grows, so many distinct keys cannot exhaust memory.
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
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateCounter(int limit, Duration window, LongSupplier nanoClock) {
        this.limit = limit;
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
    }

    /** Counts one request of {@code key}. */
    State hit(String key) {
        long now = clock.getAsLong();
        if (windows.size() > SWEEP_ABOVE) {
            windows.values().removeIf(w -> now - w.start() >= windowNanos);
        }
        Window w = windows.compute(key, (k, old) -> old == null || now - old.start() >= windowNanos
                ? new Window(now, 1) : new Window(old.start(), old.count() + 1));
        return new State(limit, w.count(), w.start() + windowNanos - now);
    }

    /** Where {@code key} stands, without counting. */
    State peek(String key) {
        long now = clock.getAsLong();
        Window w = windows.get(key);
        if (w == null || now - w.start() >= windowNanos) {
            return new State(limit, 0, windowNanos);
        }
        return new State(limit, w.count(), w.start() + windowNanos - now);
    }
}
