package dev.sipyard.media.sdp;

import dev.sipyard.media.srtp.SdesCrypto;

/** The offer/answer model (RFC 3264) for one audio stream, with SDES-SRTP (RFC 4568) and RFC 4733 digits. */
public final class OfferAnswer {
    private OfferAnswer() {}

    /**
     * Chooses what to answer to an offer: the first audio {@code m=} line we can serve, the first codec in the
     * endpoint's order that the offer has, {@code telephone-event} when offered at the codec's clock rate, and
     * SRTP as the policy's encryption mode says.
     */
    public static Negotiation answer(SessionDescription offer, MediaPolicy policy) throws NotAcceptable {
        throw new NotAcceptable("not implemented");
    }

    /** Our answer SDP for {@code n}: the chosen stream answered, every other {@code m=} line refused with port 0. */
    public static String answerSdp(SessionDescription offer, Negotiation n, String localAddress, int localPort,
            long sessionId, long version) {
        return "";
    }

    /**
     * An offer for a call we place: the policy's served codecs in order, then {@code telephone-event};
     * {@code RTP/SAVP} with {@code a=crypto} when {@code localCrypto} is given.
     *
     * @throws IllegalArgumentException when the policy names no codec we serve
     */
    public static String offerSdp(MediaPolicy policy, String localAddress, int localPort, long sessionId,
            SdesCrypto localCrypto) {
        return "";
    }

    /** Reads the answer to an offer made by {@link #offerSdp} with the same policy and key. */
    public static Negotiation accept(SessionDescription answer, MediaPolicy policy, SdesCrypto localCrypto)
            throws NotAcceptable {
        throw new NotAcceptable("not implemented");
    }
}
