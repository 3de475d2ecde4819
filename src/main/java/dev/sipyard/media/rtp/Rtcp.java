package dev.sipyard.media.rtp;

import java.nio.charset.StandardCharsets;

/** RTCP helpers (RFC 3550 section 6): telling RTCP from RTP on a shared port, and building sender reports. */
public final class Rtcp {
    /** RTCP packet types: sender report, receiver report, source description, goodbye, application-defined. */
    static final int SR = 200;
    static final int SDES = 202;
    static final int APP = 204;
    private static final int CNAME = 1;
    private static final int SENDER_REPORT_LENGTH = 28;
    /** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;

    private Rtcp() {}

    /**
     * Whether a datagram is RTCP rather than RTP when both share a port (RFC 5761 section 4): version 2, at least
     * the 8 bytes of an empty report, and a second octet (the RTCP packet type) of 200..204, which RTP cannot produce
     * with the dynamic payload types in use. Also true for SRTCP, whose first eight bytes are in the clear.
     */
    public static boolean isRtcp(byte[] buf, int off, int len) {
        if (buf == null || off < 0 || len < 8 || off > buf.length - len || (buf[off] & 0xC0) != 0x80) {
            return false;
        }
        int type = buf[off + 1] & 0xFF;
        return type >= SR && type <= APP;
    }

    /**
     * A sender report with no reception report blocks (RFC 3550 section 6.4.1), 28 bytes.
     *
     * @param ssrc the sender's SSRC (taken modulo 2^32)
     * @param ntpMillis the wallclock time in Unix epoch milliseconds, written as a 64-bit NTP timestamp
     * @param rtpTimestamp the RTP timestamp corresponding to that wallclock time (modulo 2^32)
     * @param packets the sender's packet count (modulo 2^32)
     * @param octets the sender's payload octet count (modulo 2^32)
     */
    public static byte[] senderReport(long ssrc, long ntpMillis, long rtpTimestamp, long packets, long octets) {
        byte[] out = new byte[SENDER_REPORT_LENGTH];
        writeSenderReport(out, ssrc, ntpMillis, rtpTimestamp, packets, octets);
        return out;
    }

    /**
     * A compound RTCP packet as RFC 3550 section 6.1 wants it: the {@link #senderReport sender report} followed by
     * a source description carrying the CNAME (at most 255 UTF-8 bytes; longer names are cut).
     */
    public static byte[] senderReport(long ssrc, long ntpMillis, long rtpTimestamp, long packets, long octets,
            String cname) {
        byte[] name = cname.getBytes(StandardCharsets.UTF_8);
        int nameLength = Math.min(name.length, 255);
        // SDES: 4-byte header, SSRC, item type and length, the name, then at least one null octet up to a word
        int sdesLength = (4 + 4 + 2 + nameLength + 1 + 3) / 4 * 4;
        byte[] out = new byte[SENDER_REPORT_LENGTH + sdesLength];
        writeSenderReport(out, ssrc, ntpMillis, rtpTimestamp, packets, octets);
        int at = SENDER_REPORT_LENGTH;
        writeHeader(out, at, 1, SDES, sdesLength);
        RtpPacket.writeUnsigned32(out, at + 4, ssrc);
        out[at + 8] = CNAME;
        out[at + 9] = (byte) nameLength;
        System.arraycopy(name, 0, out, at + 10, nameLength);
        return out;
    }

    private static void writeSenderReport(byte[] out, long ssrc, long ntpMillis, long rtpTimestamp, long packets,
            long octets) {
        writeHeader(out, 0, 0, SR, SENDER_REPORT_LENGTH);
        RtpPacket.writeUnsigned32(out, 4, ssrc);
        long seconds = Math.floorDiv(ntpMillis, 1000) + NTP_UNIX_OFFSET;
        long fraction = (Math.floorMod(ntpMillis, 1000L) << 32) / 1000;
        RtpPacket.writeUnsigned32(out, 8, seconds);
        RtpPacket.writeUnsigned32(out, 12, fraction);
        RtpPacket.writeUnsigned32(out, 16, rtpTimestamp);
        RtpPacket.writeUnsigned32(out, 20, packets);
        RtpPacket.writeUnsigned32(out, 24, octets);
    }

    /** The common header; the length field counts 32-bit words minus one (section 6.4.1). */
    private static void writeHeader(byte[] out, int at, int count, int type, int bytes) {
        out[at] = (byte) (0x80 | count);
        out[at + 1] = (byte) type;
        out[at + 2] = (byte) ((bytes / 4 - 1) >> 8);
        out[at + 3] = (byte) (bytes / 4 - 1);
    }
}
