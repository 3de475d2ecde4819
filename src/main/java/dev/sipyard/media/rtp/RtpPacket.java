package dev.sipyard.media.rtp;

/**
 * An RTP packet (RFC 3550) as the media engine uses it: CSRCs, header extensions and padding are accepted on
 * parsing and skipped; packets built here carry none of them.
 *
 * @param payloadType 0..127
 * @param sequence 0..65535
 * @param timestamp 0..2^32-1
 * @param ssrc 0..2^32-1
 * @param payload the payload without padding
 */
public record RtpPacket(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload) {
    /** The fixed header length in bytes. */
    public static final int HEADER_LENGTH = 12;

    /** Parses {@code buf[offset..offset+length)}; null when it is not a well-formed RTP version 2 packet. */
    public static RtpPacket parse(byte[] buf, int offset, int length) {
        return null;
    }

    /** The packet on the wire: the 12-byte header then the payload. */
    public byte[] toBytes() {
        byte[] out = new byte[HEADER_LENGTH + payload.length];
        writeTo(out, 0);
        return out;
    }

    /** Writes the packet at {@code buf[offset]} and returns the number of bytes written. */
    public int writeTo(byte[] buf, int offset) {
        return 0;
    }
}
