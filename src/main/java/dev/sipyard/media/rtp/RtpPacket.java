package dev.sipyard.media.rtp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An RTP packet (RFC 3550 section 5.1) as the media engine uses it: CSRCs, a header extension and padding are
 * accepted on parsing and dropped; packets written here carry none of them. Sequence, timestamp and SSRC are kept
 * modulo 2^16, 2^32 and 2^32, so callers may count past the wrap. Equality compares the payload's bytes.
 *
 * @param payloadType 0..127
 * @param marker the M bit
 * @param sequence 0..65535
 * @param timestamp 0..2^32-1
 * @param ssrc 0..2^32-1
 * @param payload the payload without padding
 */
public record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {
    /** The fixed header length in bytes. */
    public static final int HEADER_LENGTH = 12;
    private static final int VERSION = 2;

    /** @throws IllegalArgumentException when the payload type is outside 0..127 or the payload is null */
    public RtpPacket {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("RTP payload type out of range: " + payloadType);
        }
        Objects.requireNonNull(payload, "payload");
        sequence &= 0xFFFF;
        timestamp &= 0xFFFF_FFFFL;
        ssrc &= 0xFFFF_FFFFL;
    }

    /**
     * Parses {@code buf[offset..offset+length)}; null (never an exception) when it is not a well-formed RTP version 2
     * packet: too short, CSRC list, extension or padding running past the end, or a bad range.
     */
    public static RtpPacket parse(byte[] buf, int offset, int length) {
        if (buf == null || offset < 0 || length < HEADER_LENGTH || offset > buf.length - length) {
            return null;
        }
        int first = buf[offset] & 0xFF;
        if (first >> 6 != VERSION) {
            return null;
        }
        int header = HEADER_LENGTH + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (header + 4 > length) {
                return null;
            }
            header += 4 + 4 * readUnsigned16(buf, offset + header + 2);
        }
        int end = length;
        if ((first & 0x20) != 0) {
            end -= buf[offset + length - 1] & 0xFF; // the last octet counts the padding, itself included
            if (end == length) {
                return null; // a padding count of zero is not allowed
            }
        }
        if (header > end) {
            return null;
        }
        int second = buf[offset + 1] & 0xFF;
        return new RtpPacket(second & 0x7F, (second & 0x80) != 0, readUnsigned16(buf, offset + 2),
                readUnsigned32(buf, offset + 4), readUnsigned32(buf, offset + 8),
                Arrays.copyOfRange(buf, offset + header, offset + end));
    }

    /** The packet on the wire: the 12-byte header then the payload. */
    public byte[] toBytes() {
        byte[] out = new byte[HEADER_LENGTH + payload.length];
        writeTo(out, 0);
        return out;
    }

    /**
     * Writes the packet at {@code buf[offset]} and returns the number of bytes written.
     *
     * @throws IndexOutOfBoundsException when it does not fit
     */
    public int writeTo(byte[] buf, int offset) {
        int total = HEADER_LENGTH + payload.length;
        Objects.checkFromIndexSize(offset, total, buf.length);
        buf[offset] = (byte) (VERSION << 6);
        buf[offset + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        buf[offset + 2] = (byte) (sequence >> 8);
        buf[offset + 3] = (byte) sequence;
        writeUnsigned32(buf, offset + 4, timestamp);
        writeUnsigned32(buf, offset + 8, ssrc);
        System.arraycopy(payload, 0, buf, offset + HEADER_LENGTH, payload.length);
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && payloadType == p.payloadType && marker == p.marker
                && sequence == p.sequence && timestamp == p.timestamp && ssrc == p.ssrc
                && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(payloadType, marker, sequence, timestamp, ssrc) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + (marker ? ", marker" : "") + ", seq=" + sequence + ", ts=" + timestamp
                + ", ssrc=" + Long.toHexString(ssrc) + ", payload=" + payload.length + " bytes "
                + HexFormat.of().formatHex(payload, 0, Math.min(payload.length, 8))
                + (payload.length > 8 ? "..." : "") + "]";
    }

    static int readUnsigned16(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF);
    }

    static long readUnsigned32(byte[] buf, int at) {
        return (long) readUnsigned16(buf, at) << 16 | readUnsigned16(buf, at + 2);
    }

    static void writeUnsigned32(byte[] buf, int at, long value) {
        buf[at] = (byte) (value >> 24);
        buf[at + 1] = (byte) (value >> 16);
        buf[at + 2] = (byte) (value >> 8);
        buf[at + 3] = (byte) value;
    }
}
