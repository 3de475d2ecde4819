package dev.sipyard.media.srtp;

/**
 * The SRTP and SRTCP state of one media stream (RFC 3711): ours from the local crypto attribute (what we send) and
 * the peer's from the remote one (what we receive). Thread-safe; failures are reported as null, never thrown.
 */
public final class SrtpContext {
    private SrtpContext() {}

    /**
     * The contexts for a negotiated pair of SDES attributes.
     *
     * @throws IllegalArgumentException when a suite is not supported
     */
    public static SrtpContext of(SdesCrypto local, SdesCrypto remote) {
        return new SrtpContext();
    }

    /** The SRTP packet for the RTP packet {@code rtp[off..off+len)}; null when it is not a protectable RTP packet. */
    public byte[] protectRtp(byte[] rtp, int off, int len) {
        return null;
    }

    /** The RTP packet in an SRTP packet; null when malformed, not authentic or replayed. */
    public byte[] unprotectRtp(byte[] srtp, int off, int len) {
        return null;
    }

    /** The SRTCP packet for a compound RTCP packet; null when it is not a protectable RTCP packet. */
    public byte[] protectRtcp(byte[] rtcp, int off, int len) {
        return null;
    }

    /** The RTCP packet in an SRTCP packet; null when malformed, not authentic or replayed. */
    public byte[] unprotectRtcp(byte[] srtcp, int off, int len) {
        return null;
    }
}
