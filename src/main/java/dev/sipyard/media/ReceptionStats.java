package dev.sipyard.media;

/**
 * Loss, reordering and interarrival jitter of the received RTP (RFC 3550 A.1, A.3 and A.8,
 * simplified). Written by the selector thread only; the fields read by others are volatile.
 */
final class ReceptionStats {
    private static final int MAX_JUMP = 3_000;

    private boolean initialised;
    private long ssrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private long receivedInRun;
    private long lostBefore;
    private volatile long lost;
    private volatile long late;

    private boolean haveTransit;
    private long lastTransit;
    private double jitter; // in RTP timestamp units
    private volatile double jitterMillis;

    /** Counts one accepted packet's sequence number. */
    void sequence(long packetSsrc, int seq) {
        if (!initialised || packetSsrc != ssrc) {
            restart(packetSsrc, seq);
            return;
        }
        int delta = (seq - maxSeq) & 0xFFFF;
        if (delta == 0) {
            late++;
            return;
        }
        if (delta < 0x8000) {
            if (delta > MAX_JUMP) { // the sender restarted its numbering
                restart(packetSsrc, seq);
                return;
            }
            if (seq < maxSeq) {
                cycles += 0x10000;
            }
            maxSeq = seq;
        } else {
            late++;
        }
        receivedInRun++;
        long expected = cycles + maxSeq - baseSeq + 1;
        lost = lostBefore + Math.max(0, expected - receivedInRun);
    }

    private void restart(long packetSsrc, int seq) {
        lostBefore = lost;
        initialised = true;
        ssrc = packetSsrc;
        maxSeq = seq;
        baseSeq = seq;
        cycles = 0;
        receivedInRun = 1;
        haveTransit = false;
    }

    /** Feeds one audio packet's timestamp; {@code clockRate} is the RTP clock rate of the codec. */
    void transit(long rtpTimestamp, long arrivalNanos, int clockRate) {
        long arrival = arrivalNanos / 1000 * clockRate / 1_000_000; // in timestamp units, µs to avoid overflow
        long transit = arrival - rtpTimestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            if (d < (long) clockRate * 10) { // a gap of seconds is a timestamp jump, not jitter
                jitter += (d - jitter) / 16.0;
                jitterMillis = jitter * 1000.0 / clockRate;
            }
        }
        haveTransit = true;
        lastTransit = transit;
    }

    long lost() {
        return lost;
    }

    long late() {
        return late;
    }

    double jitterMillis() {
        return jitterMillis;
    }
}
