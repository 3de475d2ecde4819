package dev.sipyard.media.rtp;

/**
 * A telephone-event payload (RFC 4733 section 2.3): event code, end bit, volume (0..63, in -dBm0) and duration (in
 * RTP timestamp units, 0..65535).
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    /** The payload length in bytes. */
    public static final int LENGTH = 4;

    /** Parses the first four bytes of a payload; null when shorter than four bytes. */
    public static TelephoneEvent parse(byte[] payload) {
        return null;
    }

    /** The four payload bytes (the reserved bit is zero). */
    public byte[] toBytes() {
        return new byte[LENGTH];
    }

    /** The DTMF character of an event code: '0'-'9', '*', '#', 'A'-'D'; 0 for any other event. */
    public static char digit(int event) {
        return 0;
    }

    /** The event code of a DTMF character (case-insensitive for A-D); -1 when it is not one. */
    public static int event(char digit) {
        return -1;
    }
}
