package dev.sipyard.media.sdp;

import dev.sipyard.media.sdp.OfferAnswer.TelephoneEventPt;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** What one {@code m=} line says, read for negotiation: its codecs, digits, address and direction. */
final class MediaLine {
    private MediaLine() {}

    /** The first payload type of the m= line that carries {@code format}, -1 when none does. */
    static int payloadType(MediaDescription m, AudioFormat format) {
        for (String token : m.formats()) {
            int pt = SdpParser.number(token, 127);
            if (pt >= 0 && formatOf(m, pt) == format) {
                return pt;
            }
        }
        return -1;
    }

    /** What a payload type means in this m= line: its rtpmap, else the static assignment (RFC 3551). */
    static AudioFormat formatOf(MediaDescription m, int pt) {
        RtpMap map = m.rtpmaps().get(pt);
        for (AudioFormat f : AudioFormat.values()) {
            if (map != null ? f.matches(map) : pt == f.staticPt) {
                return f;
            }
        }
        return null;
    }

    /**
     * The offered {@code telephone-event} at the codec's clock rate (RFC 4733 section 2.1 asks for the same
     * clock); for Opus, {@code telephone-event/8000} when that is all the peer offers, as many phones do.
     * Payload type -1 when none.
     */
    static TelephoneEventPt telephoneEvent(MediaDescription m, AudioFormat codec) {
        int pt = telephoneEventPt(m, codec.clockRate);
        if (pt < 0 && codec == AudioFormat.OPUS) {
            int narrowband = telephoneEventPt(m, 8000);
            if (narrowband >= 0) {
                return new TelephoneEventPt(narrowband, 8000);
            }
        }
        return new TelephoneEventPt(pt, codec.clockRate);
    }

    static int telephoneEventPt(MediaDescription m, int clockRate) {
        for (String token : m.formats()) {
            int pt = SdpParser.number(token, 127);
            RtpMap map = pt < 0 ? null : m.rtpmaps().get(pt);
            if (map != null && map.encoding().equalsIgnoreCase("telephone-event") && map.clockRate() == clockRate) {
                return pt;
            }
        }
        return -1;
    }

    /** The codecs of an m= line for an error message, telephone-event left out. */
    static String offeredCodecs(MediaDescription m) {
        Set<String> names = new LinkedHashSet<>();
        for (String token : m.formats()) {
            int pt = SdpParser.number(token, 127);
            RtpMap map = pt < 0 ? null : m.rtpmaps().get(pt);
            String name = map != null ? map.encoding().toUpperCase(Locale.ROOT) : StaticPayloadTypes.name(pt);
            if (!"TELEPHONE-EVENT".equals(name)) {
                names.add(SdpParser.shorten(name != null ? name : token));
            }
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    static InetSocketAddress remoteAddress(MediaDescription m) throws NotAcceptable {
        if (m.connection() == null) {
            throw new NotAcceptable("no connection address (c=) for the audio stream");
        }
        InetAddress address = Addresses.toInet(m.connection());
        if (address == null) {
            throw new NotAcceptable("the connection address is not an IP address: "
                    + SdpParser.shorten(m.connection()));
        }
        return address.isAnyLocalAddress() || m.port() == 0 ? null : new InetSocketAddress(address, m.port());
    }

    /** Our direction for the peer's: what it only sends we only receive, and so on. */
    static String mirror(String direction) {
        return switch (direction) {
            case "sendonly" -> "recvonly";
            case "recvonly" -> "sendonly";
            case "inactive" -> "inactive";
            default -> "sendrecv";
        };
    }
}
