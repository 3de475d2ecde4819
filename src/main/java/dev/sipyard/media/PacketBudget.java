package dev.sipyard.media;

/**
 * Bounds what one stream may receive: at most {@code maxPackets} per {@code windowNanos} window;
 * the excess is dropped before any costly work (SRTP, decoding). Used by one thread only.
 */
final class PacketBudget {
    private final int maxPackets;
    private final long windowNanos;
    private long windowStart;
    private int used;
    private boolean started;

    PacketBudget(int maxPackets, long windowNanos) {
        this.maxPackets = maxPackets;
        this.windowNanos = windowNanos;
    }

    /** True when the packet fits into the budget (and is counted), false when it must be dropped. */
    boolean take(long nowNanos) {
        if (!started || nowNanos - windowStart >= windowNanos) {
            started = true;
            windowStart = nowNanos;
            used = 0;
        }
        if (used >= maxPackets) {
            return false;
        }
        used++;
        return true;
    }
}
