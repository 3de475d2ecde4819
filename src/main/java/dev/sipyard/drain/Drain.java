package dev.sipyard.drain;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The graceful stop of one node: {@link State#SERVING} until {@link #begin()}, then
 * {@link State#DRAINING} (new work is refused, work in hand goes on) until the node's work is done,
 * the limit has passed or {@link #hurry()} is called, then {@link State#STOPPING}. A limit of zero
 * stops at once. Time is judged by the injected clock; the wait itself polls.
 */
public final class Drain {
    /** Where a node is in its stop. */
    public enum State { SERVING, DRAINING, STOPPING }

    /** Why the wait ended. */
    public enum Ending {
        /** Nothing was left in hand. */
        QUIET,
        /** The drain limit passed with work still in hand. */
        DEADLINE,
        /** Told to stop now (a second SIGTERM). */
        HURRIED
    }

    /** What a node still has in hand. */
    public interface Work {
        /** Work that must end before the node stops quietly: calls, requests being answered. */
        int inHand();
    }

    private static final Duration POLL = Duration.ofMillis(50);

    private final Duration limit;
    private final Clock clock;
    private final CountDownLatch hurried = new CountDownLatch(1);
    private volatile State state = State.SERVING;
    private volatile long deadlineMillis;

    /** A drain that waits at most {@code limit} (zero: not at all), judged by {@code clock}. */
    public Drain(Duration limit, Clock clock) {
        if (limit.isNegative()) {
            throw new IllegalArgumentException("a drain limit is zero or more");
        }
        this.limit = limit;
        this.clock = clock;
    }

    /** Starts draining; false when the drain had already begun. */
    public synchronized boolean begin() {
        if (state != State.SERVING) {
            return false;
        }
        deadlineMillis = clock.millis() + limit.toMillis();
        state = State.DRAINING;
        return true;
    }

    /** True from {@link #begin()} on: new registrations, calls and health checks are refused. */
    public boolean isDraining() {
        return state != State.SERVING;
    }

    public State state() {
        return state;
    }

    /** Ends the wait now, whatever is still in hand. */
    public void hurry() {
        hurried.countDown();
    }

    public boolean isHurried() {
        return hurried.getCount() == 0;
    }

    /** Time left until the deadline (zero once it passed, or before the drain began). */
    public Duration remaining() {
        if (state == State.SERVING) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.max(0, deadlineMillis - clock.millis()));
    }

    /**
     * Waits until {@code work} has nothing in hand, the deadline passes, or {@link #hurry()}; then
     * the drain is {@link State#STOPPING}. Begins the drain if it had not begun.
     */
    public Ending awaitQuiet(Work work) throws InterruptedException {
        begin();
        try {
            while (true) {
                if (isHurried()) {
                    return Ending.HURRIED;
                }
                if (work.inHand() == 0) {
                    return Ending.QUIET;
                }
                if (clock.millis() >= deadlineMillis) {
                    return Ending.DEADLINE;
                }
                hurried.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            state = State.STOPPING;
        }
    }
}
