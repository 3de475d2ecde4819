package dev.sipyard.media;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that drives the sending of the streams given to it: a tick every 20 ms. Deadlines are
 * {@code start + n * 20 ms} on {@link System#nanoTime()}, so waking late never shifts later
 * ticks (no drift): missed ticks run back to back until the clock is on time again. After a
 * stall of more than {@link #MAX_CATCH_UP} ticks the rest are skipped rather than sent as a burst.
 */
final class PacingClock implements AutoCloseable {
    /** Something ticked by the clock; it must not block. */
    interface Ticked {
        void tick(long nowNanos);
    }

    static final long TICK_NANOS = 20_000_000L;
    static final int MAX_CATCH_UP = 10;
    private static final long WARN_INTERVAL_NANOS = 60_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(PacingClock.class);

    private final OccasionalWarning tickFailed = new OccasionalWarning(log, "media clock: a stream's tick failed");
    private final List<Ticked> members = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long ticks;
    private volatile long skippedTicks;
    private volatile long busyNanos;
    private volatile long maxBusyNanos;
    private long lastWarnNanos = System.nanoTime() - WARN_INTERVAL_NANOS;

    private final long phaseNanos;
    private final int realtimePriority;
    private final CompletableFuture<RealtimeScheduling.Outcome> scheduling = new CompletableFuture<>();

    PacingClock(String name) {
        this(name, 0, 0);
    }

    /**
     * @param phaseNanos       how long after a whole tick this clock ticks (clocks side by side take turns)
     * @param realtimePriority the {@code SCHED_FIFO} priority the thread asks for; 0: normal scheduling
     */
    PacingClock(String name, long phaseNanos, int realtimePriority) {
        this.phaseNanos = phaseNanos;
        this.realtimePriority = realtimePriority;
        thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        thread.start();
    }

    void add(Ticked member) {
        if (!members.contains(member)) {
            members.add(member);
        }
    }

    void remove(Ticked member) {
        members.remove(member);
    }

    /** Streams this clock ticks now. */
    int size() {
        return members.size();
    }

    long ticks() {
        return ticks;
    }

    long skippedTicks() {
        return skippedTicks;
    }

    /** The time spent ticking the members, summed over all ticks (for benchmarks and diagnostics). */
    long busyNanos() {
        return busyNanos;
    }

    /** The longest time one tick spent on its members. */
    long maxBusyNanos() {
        return maxBusyNanos;
    }

    /** Whether the clock's thread got real-time scheduling; completes when the thread has asked (or not). */
    CompletableFuture<RealtimeScheduling.Outcome> scheduling() {
        return scheduling;
    }

    private void run() {
        try {
            scheduling.complete(realtimePriority > 0
                    ? RealtimeScheduling.applyToCurrentThread(realtimePriority)
                    : new RealtimeScheduling.Outcome(false, "off"));
        } catch (RuntimeException e) { // the engine waits for an outcome; the clock runs either way
            scheduling.complete(new RealtimeScheduling.Outcome(false, e.toString()));
        }
        long deadline = System.nanoTime() + TICK_NANOS + phaseNanos;
        while (running) {
            long now = System.nanoTime();
            long wait = deadline - now;
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            long behind = -wait / TICK_NANOS;
            if (behind > MAX_CATCH_UP) {
                skippedTicks += behind;
                deadline += behind * TICK_NANOS;
                warnBehind(now, behind);
            }
            tickAll(now);
            long spent = System.nanoTime() - now;
            busyNanos += spent;
            if (spent > maxBusyNanos) {
                maxBusyNanos = spent;
            }
            ticks++;
            deadline += TICK_NANOS;
        }
    }

    private void tickAll(long now) {
        for (Ticked member : members) {
            try {
                member.tick(now);
            } catch (RuntimeException e) {
                tickFailed.warn(e);
            }
        }
    }

    private void warnBehind(long now, long behind) {
        if (now - lastWarnNanos >= WARN_INTERVAL_NANOS) {
            lastWarnNanos = now;
            log.warn("media clock fell {} ticks ({} ms) behind with {} streams; skipped them (CPU overloaded?)",
                    behind, behind * TICK_NANOS / 1_000_000, members.size());
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
