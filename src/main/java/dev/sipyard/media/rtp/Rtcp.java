package dev.sipyard.media.rtp;

/** RTCP helpers (RFC 3550 section 6): telling RTCP from RTP on a shared port, and building sender reports. */
public final class Rtcp {
    private Rtcp() {}

    /** Whether the datagram looks like RTCP: version 2 and packet type 200..204 (RFC 5761 section 4). */
    public static boolean isRtcp(byte[] buf, int off, int len) {
        return false;
    }

    /**
     * A sender report with no report blocks (RFC 3550 section 6.4.1).
     *
     * @param ntpMillis the wallclock time in Unix epoch milliseconds, written as an NTP timestamp
     * @param packets the sender's packet count (taken modulo 2^32)
     * @param octets the sender's payload octet count (taken modulo 2^32)
     */
    public static byte[] senderReport(long ssrc, long ntpMillis, long rtpTimestamp, long packets, long octets) {
        return new byte[28];
    }
}
