package dev.sipyard.media.sdp;

import dev.sipyard.media.srtp.SdesCrypto;
import java.net.InetSocketAddress;

/**
 * The outcome of an offer/answer exchange: what one media stream sends and expects.
 *
 * @param codec {@code PCMU}, {@code PCMA} or {@code OPUS}
 * @param payloadType the payload type number of the codec, as the offer numbered it
 * @param clockRate the codec's RTP clock rate (8000 for G.711, 48000 for Opus)
 * @param telephoneEventPt the payload type of {@code telephone-event} at the codec's clock rate, -1 when none
 * @param remoteRtp where to send RTP; null when the peer gave {@code 0.0.0.0} / {@code ::} (hold) or port 0
 * @param remoteCrypto the peer's SRTP key; null means plain RTP
 * @param localCrypto our SRTP key; null means plain RTP
 * @param mediaIndex the index of the chosen {@code m=} line in the offer
 * @param direction OUR direction: {@code sendrecv}, {@code sendonly} (the peer only receives), {@code recvonly}
 *     (the peer only sends, e.g. it holds us) or {@code inactive}; it is what our answer SDP says
 * @param telephoneEventClockRate the clock rate of {@code telephone-event}: the codec's, except Opus with a peer
 *     that offers only {@code telephone-event/8000} (baresip does); meaningless when {@code telephoneEventPt} is -1
 */
public record Negotiation(
        String codec,
        int payloadType,
        int clockRate,
        int telephoneEventPt,
        InetSocketAddress remoteRtp,
        SdesCrypto remoteCrypto,
        SdesCrypto localCrypto,
        int mediaIndex,
        String direction,
        int telephoneEventClockRate) {

    /** The contract's form: {@code telephone-event} at the codec's clock rate. */
    public Negotiation(String codec, int payloadType, int clockRate, int telephoneEventPt, InetSocketAddress remoteRtp,
            SdesCrypto remoteCrypto, SdesCrypto localCrypto, int mediaIndex, String direction) {
        this(codec, payloadType, clockRate, telephoneEventPt, remoteRtp, remoteCrypto, localCrypto, mediaIndex,
                direction, clockRate);
    }

    /** Whether the stream is SRTP. */
    public boolean encrypted() {
        return remoteCrypto != null && localCrypto != null;
    }

    /** Whether we should send media (the direction lets us and the peer gave an address). */
    public boolean sends() {
        return remoteRtp != null && (direction.equals("sendrecv") || direction.equals("sendonly"));
    }

    /** Whether the peer is expected to send media to us. */
    public boolean receives() {
        return direction.equals("sendrecv") || direction.equals("recvonly");
    }
}
