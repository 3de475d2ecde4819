package dev.sipyard.media.srtp;

/**
 * The SRTP and SRTCP state of one media stream (RFC 3711) over jitsi-srtp: what we send is protected with the
 * local attribute's key, what we receive is checked and decrypted with the remote one's. Replay protection follows
 * RFC 3711 section 3.3.2 (a 64-packet window). Thread-safe; every failure is a null result, never an exception, so
 * the media engine can count and drop.
 */
public final class SrtpContext {
    private final MasterKeyContexts sending;
    private final MasterKeyContexts receiving;

    private SrtpContext(MasterKeyContexts sending, MasterKeyContexts receiving) {
        this.sending = sending;
        this.receiving = receiving;
    }

    /**
     * The contexts for a negotiated pair of SDES attributes.
     *
     * @param local the attribute we sent (keys what we send)
     * @param remote the attribute the peer sent (keys what we receive)
     * @throws IllegalArgumentException when either is missing or its suite is not {@link SdesCrypto#supported}
     */
    public static SrtpContext of(SdesCrypto local, SdesCrypto remote) {
        if (local == null || remote == null) {
            throw new IllegalArgumentException("SRTP needs both the local and the remote crypto attribute");
        }
        return new SrtpContext(new MasterKeyContexts(local, true), new MasterKeyContexts(remote, false));
    }

    /**
     * The SRTP packet for the RTP packet {@code rtp[off..off+len)}; null when it is not a well-formed RTP packet or
     * its sequence number was already protected (reusing a packet index would reuse keystream).
     */
    public byte[] protectRtp(byte[] rtp, int off, int len) {
        return sending.protectRtp(rtp, off, len);
    }

    /** The RTP packet in an SRTP packet; null when malformed, not authentic or replayed. */
    public byte[] unprotectRtp(byte[] srtp, int off, int len) {
        return receiving.unprotectRtp(srtp, off, len);
    }

    /** The SRTCP packet for a (compound) RTCP packet; null when it is not an RTCP packet. */
    public byte[] protectRtcp(byte[] rtcp, int off, int len) {
        return sending.protectRtcp(rtcp, off, len);
    }

    /** The RTCP packet in an SRTCP packet; null when malformed, not authentic or replayed. */
    public byte[] unprotectRtcp(byte[] srtcp, int off, int len) {
        return receiving.unprotectRtcp(srtcp, off, len);
    }
}
