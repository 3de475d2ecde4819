package dev.sipyard.media.sdp;

import dev.sipyard.media.srtp.SdesCrypto;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The offer/answer model (RFC 3264) for one audio stream, with SDES-SRTP (RFC 4568) and RFC 4733 digits. */
public final class OfferAnswer {
    private static final String ENCRYPTION_REQUIRED = "encryption is required: no acceptable a=crypto offered";

    private OfferAnswer() {}

    /**
     * Chooses what to answer to an offer: the first audio {@code m=} line we can serve, the first codec in the
     * endpoint's order that the offer has, {@code telephone-event} when offered at the codec's clock rate, and
     * SRTP as the policy's encryption mode says.
     *
     * @throws NotAcceptable with the reason the first audio stream could not be served
     */
    public static Negotiation answer(SessionDescription offer, MediaPolicy policy) throws NotAcceptable {
        String refusal = null;
        List<MediaDescription> media = offer.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (!m.media().equals("audio") || m.port() == 0) {
                continue;
            }
            try {
                return answerStream(i, m, policy);
            } catch (NotAcceptable e) {
                refusal = refusal == null ? e.getMessage() : refusal;
            }
        }
        throw new NotAcceptable(refusal != null ? refusal : "no audio stream offered");
    }

    private static Negotiation answerStream(int index, MediaDescription m, MediaPolicy policy) throws NotAcceptable {
        if (!m.plainProfile() && !m.secureProfile()) {
            throw new NotAcceptable("unsupported media profile " + SdpParser.shorten(m.proto()));
        }
        SdesCrypto remoteCrypto = null;
        if (m.secureProfile()) {
            remoteCrypto = preferredCrypto(m.cryptos(), policy.ciphers());
            if (remoteCrypto == null) {
                throw new NotAcceptable(policy.encryptionRequired() ? ENCRYPTION_REQUIRED
                        : "no acceptable a=crypto offered for " + SdpParser.shorten(m.proto()));
            }
        } else if (policy.encryptionRequired()) {
            throw new NotAcceptable(ENCRYPTION_REQUIRED);
        }
        Chosen chosen = null;
        for (String codec : policy.codecs()) {
            AudioFormat format = AudioFormat.named(codec);
            int pt = format == null ? -1 : MediaLine.payloadType(m, format);
            if (pt >= 0) {
                chosen = new Chosen(format, pt);
                break;
            }
        }
        if (chosen == null) {
            throw new NotAcceptable("no common codec: offered " + MediaLine.offeredCodecs(m) + ", allowed "
                    + allowed(policy));
        }
        SdesCrypto localCrypto = remoteCrypto == null ? null
                : SdesCrypto.generate(remoteCrypto.tag(), remoteCrypto.suite());
        TelephoneEventPt events = MediaLine.telephoneEvent(m, chosen.format);
        return new Negotiation(chosen.format.name(), chosen.payloadType, chosen.format.clockRate,
                events.payloadType(), MediaLine.remoteAddress(m), remoteCrypto, localCrypto, index,
                MediaLine.mirror(m.direction()), events.clockRate());
    }

    /**
     * Our answer SDP for {@code n} (from {@link #answer} for this offer): the chosen stream answered with the
     * offer's profile and payload type numbers, every other {@code m=} line refused with port 0, in order.
     */
    public static String answerSdp(SessionDescription offer, Negotiation n, String localAddress, int localPort,
            long sessionId, long version) {
        SdpText sdp = SdpText.session(localAddress, sessionId, version);
        List<MediaDescription> media = offer.media();
        for (int i = 0; i < media.size(); i++) {
            MediaDescription m = media.get(i);
            if (i == n.mediaIndex()) {
                AudioFormat format = AudioFormat.named(n.codec());
                if (format == null) {
                    throw new IllegalArgumentException("not a codec we serve: " + n.codec());
                }
                sdp.audio(localPort, m.proto(), List.of(new Chosen(format, n.payloadType())),
                        telephoneEvents(n), n.direction(), n.localCrypto());
            } else {
                sdp.refused(m);
            }
        }
        return sdp.toString();
    }

    /**
     * An offer for a call we place: the policy's served codecs in order, then {@code telephone-event/8000} as
     * payload type 101 (and {@code telephone-event/48000} as 102 when Opus is offered); {@code RTP/SAVP} with
     * {@code a=crypto} when {@code localCrypto} is given. The origin's version is the session id.
     *
     * @throws IllegalArgumentException when the policy names no codec we serve (check {@link MediaPolicy#servedCodecs})
     */
    public static String offerSdp(MediaPolicy policy, String localAddress, int localPort, long sessionId,
            SdesCrypto localCrypto) {
        List<Chosen> formats = new ArrayList<>();
        Set<Integer> clockRates = new LinkedHashSet<>();
        for (String codec : policy.servedCodecs()) {
            AudioFormat f = AudioFormat.named(codec);
            formats.add(new Chosen(f, f.staticPt >= 0 ? f.staticPt : AudioFormat.OPUS_OFFER_PT));
            clockRates.add(f.clockRate);
        }
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no codec we can serve among " + policy.codecs());
        }
        List<TelephoneEventPt> events = new ArrayList<>();
        events.add(new TelephoneEventPt(101, 8000));
        if (clockRates.contains(48000)) {
            events.add(new TelephoneEventPt(102, 48000));
        }
        SdpText sdp = SdpText.session(localAddress, sessionId, sessionId);
        sdp.audio(localPort, localCrypto == null ? "RTP/AVP" : "RTP/SAVP", formats, events, "sendrecv", localCrypto);
        return sdp.toString();
    }

    /** Reads the answer to an offer made by {@link #offerSdp} with the same policy and key. */
    public static Negotiation accept(SessionDescription answer, MediaPolicy policy, SdesCrypto localCrypto)
            throws NotAcceptable {
        List<MediaDescription> media = answer.media();
        int index = 0;
        while (index < media.size() && !media.get(index).media().equals("audio")) {
            index++;
        }
        if (index == media.size()) {
            throw new NotAcceptable("the answer has no audio stream");
        }
        MediaDescription m = media.get(index);
        if (m.port() == 0) {
            throw new NotAcceptable("the answer refused the audio stream");
        }
        SdesCrypto remoteCrypto = answeredCrypto(m, policy, localCrypto);
        Chosen chosen = null;
        List<String> served = policy.servedCodecs();
        for (String token : m.formats()) {
            int pt = SdpParser.number(token, 127);
            AudioFormat format = pt < 0 ? null : MediaLine.formatOf(m, pt);
            if (format != null && served.contains(format.name())) {
                chosen = new Chosen(format, pt);
                break;
            }
        }
        if (chosen == null) {
            throw new NotAcceptable("no common codec: answered " + MediaLine.offeredCodecs(m) + ", allowed "
                    + allowed(policy));
        }
        TelephoneEventPt events = MediaLine.telephoneEvent(m, chosen.format);
        return new Negotiation(chosen.format.name(), chosen.payloadType, chosen.format.clockRate,
                events.payloadType(), MediaLine.remoteAddress(m), remoteCrypto,
                remoteCrypto == null ? null : localCrypto, index, MediaLine.mirror(m.direction()), events.clockRate());
    }

    private static SdesCrypto answeredCrypto(MediaDescription m, MediaPolicy policy, SdesCrypto localCrypto)
            throws NotAcceptable {
        if (localCrypto == null) {
            if (m.secureProfile()) {
                throw new NotAcceptable("the answer is " + SdpParser.shorten(m.proto()) + " to a plain RTP offer");
            }
            if (policy.encryptionRequired()) {
                throw new NotAcceptable("encryption is required: our offer had no a=crypto");
            }
            return null;
        }
        if (!m.secureProfile()) {
            if (policy.encryptionRequired()) {
                throw new NotAcceptable("encryption is required: the answer is plain RTP");
            }
            return null;
        }
        for (SdesCrypto c : m.cryptos()) {
            if (c.tag() == localCrypto.tag() && c.suite().equalsIgnoreCase(localCrypto.suite())) {
                return c;
            }
        }
        throw new NotAcceptable("the answer has no a=crypto matching our offer");
    }

    /** The peer's crypto line whose suite comes first in the policy's order of ciphers. */
    private static SdesCrypto preferredCrypto(List<SdesCrypto> offered, List<String> ciphers) {
        for (String suite : ciphers) {
            for (SdesCrypto c : offered) {
                if (c.suite().equalsIgnoreCase(suite)) {
                    return c;
                }
            }
        }
        return null;
    }

    private static List<TelephoneEventPt> telephoneEvents(Negotiation n) {
        return n.telephoneEventPt() < 0 ? List.of()
                : List.of(new TelephoneEventPt(n.telephoneEventPt(), n.telephoneEventClockRate()));
    }

    /** The codecs we could use, for an error message; G722 and the like are allowed but not served by us. */
    private static String allowed(MediaPolicy policy) {
        List<String> served = policy.servedCodecs();
        return served.isEmpty() ? "none that sipyard's media serves (" + String.join(", ", policy.codecs()) + ")"
                : String.join(", ", served);
    }

    record Chosen(AudioFormat format, int payloadType) {}

    record TelephoneEventPt(int payloadType, int clockRate) {}
}
