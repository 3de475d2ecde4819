package dev.sipyard.media;

import dev.sipyard.media.rtp.TelephoneEvent;

/**
 * Turns received RFC 4733 packets into digits, one per event. An event is keyed by its RTP
 * timestamp (all its packets, including the retransmitted end packets, share it), so a digit is
 * reported on the first packet seen of an event, whether that is the start, an update or only an
 * end packet (the start was lost). Packets of an older event (reordered) are ignored, and so is
 * the continuation of a long event that RFC 4733 splits into segments with a new timestamp.
 * A timestamp far behind the last event's is the sender restarting its clock, not reordering.
 * Used by the selector thread only.
 */
final class IncomingDigits {
    /** How far back (in RTP timestamp units: 6 s at 8 kHz, 1 s at 48 kHz) a packet counts as reordered. */
    static final int MAX_REORDER_TICKS = 48_000;

    private boolean haveLast;
    private long lastSsrc;
    private long lastTimestamp;
    private int lastEvent;
    private boolean lastEnded;

    /** The digit to report for this packet, or 0 when it belongs to an event already reported. */
    char onPacket(long ssrc, long timestamp, boolean marker, TelephoneEvent event) {
        char digit = TelephoneEvent.digit(event.event());
        if (haveLast && ssrc == lastSsrc) {
            int age = (int) (timestamp - lastTimestamp);
            if (age == 0) {
                lastEnded |= event.end();
                return 0;
            }
            if (age < 0 && age > -MAX_REORDER_TICKS) {
                return 0;
            }
            boolean continuation = !marker && !lastEnded && event.event() == lastEvent;
            remember(ssrc, timestamp, event);
            return continuation ? 0 : digit;
        }
        remember(ssrc, timestamp, event);
        return digit;
    }

    private void remember(long ssrc, long timestamp, TelephoneEvent event) {
        haveLast = true;
        lastSsrc = ssrc;
        lastTimestamp = timestamp;
        lastEvent = event.event();
        lastEnded = event.end();
    }
}
