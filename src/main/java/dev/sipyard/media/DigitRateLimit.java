package dev.sipyard.media;

/**
 * A token bucket for received digits (a DTMF storm must not flood call handling): a burst of
 * {@code burst}, then one digit per {@code intervalNanos}. Thread-safe (digits come from the
 * selector thread and from SIP INFO).
 */
final class DigitRateLimit {
    private final int burst;
    private final long intervalNanos;
    private double tokens;
    private long last;
    private boolean started;

    DigitRateLimit(int burst, long intervalNanos) {
        this.burst = burst;
        this.intervalNanos = intervalNanos;
        this.tokens = burst;
    }

    synchronized boolean take(long nowNanos) {
        if (started) {
            tokens = Math.min(burst, tokens + (double) (nowNanos - last) / intervalNanos);
        }
        started = true;
        last = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
