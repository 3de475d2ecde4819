package dev.sipyard.media.rtp;

/**
 * A telephone-event payload (RFC 4733 section 2.3): the event code, the end bit, the volume (0..63, in -dBm0) and
 * the duration so far (in RTP timestamp units, 0..65535). The reserved bit is ignored on parsing and sent as zero.
 *
 * @param event 0..255; the DTMF events are 0..15 (section 3.2)
 * @param end the E bit: this is (a retransmission of) the last packet of the event
 * @param volume 0..63
 * @param duration 0..65535
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
    /** The payload length in bytes. */
    public static final int LENGTH = 4;
    private static final String DTMF = "0123456789*#ABCD";

    /** @throws IllegalArgumentException when a field is out of its range */
    public TelephoneEvent {
        if (event < 0 || event > 255 || volume < 0 || volume > 63 || duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("telephone-event field out of range");
        }
    }

    /** Parses the first four bytes of a payload; null when the payload is null or shorter than four bytes. */
    public static TelephoneEvent parse(byte[] payload) {
        if (payload == null || payload.length < LENGTH) {
            return null;
        }
        int flags = payload[1] & 0xFF;
        return new TelephoneEvent(payload[0] & 0xFF, (flags & 0x80) != 0, flags & 0x3F,
                RtpPacket.readUnsigned16(payload, 2));
    }

    /** The four payload bytes. */
    public byte[] toBytes() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }

    /** The DTMF character of an event code: '0'-'9', '*', '#', 'A'-'D'; 0 for any other event. */
    public static char digit(int event) {
        return event >= 0 && event < DTMF.length() ? DTMF.charAt(event) : 0;
    }

    /** The event code of a DTMF character (case-insensitive for A-D); -1 when it is not one. */
    public static int event(char digit) {
        return DTMF.indexOf(Character.toUpperCase(digit));
    }
}
