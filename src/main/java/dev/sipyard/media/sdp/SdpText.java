package dev.sipyard.media.sdp;

import dev.sipyard.media.sdp.OfferAnswer.Chosen;
import dev.sipyard.media.sdp.OfferAnswer.TelephoneEventPt;
import dev.sipyard.media.srtp.SdesCrypto;
import java.util.List;

/** Writes the SDP bodies we send: one session, our audio stream, refused streams. CRLF line ends. */
final class SdpText {
    private final StringBuilder text = new StringBuilder();

    private SdpText() {}

    static SdpText session(String localAddress, long sessionId, long version) {
        String addressType = localAddress.indexOf(':') >= 0 ? "IP6" : "IP4";
        SdpText sdp = new SdpText();
        sdp.line("v=0");
        sdp.line("o=sipyard " + sessionId + " " + version + " IN " + addressType + " " + localAddress);
        sdp.line("s=sipyard");
        sdp.line("c=IN " + addressType + " " + localAddress);
        sdp.line("t=0 0");
        return sdp;
    }

    void audio(int port, String proto, List<Chosen> codecs, List<TelephoneEventPt> events, String direction,
            SdesCrypto crypto) {
        StringBuilder m = new StringBuilder("m=audio ").append(port).append(' ').append(proto);
        codecs.forEach(c -> m.append(' ').append(c.payloadType()));
        events.forEach(e -> m.append(' ').append(e.payloadType()));
        line(m.toString());
        for (Chosen c : codecs) {
            line("a=rtpmap:" + c.payloadType() + " " + c.format().rtpmapValue());
            if (c.format() == AudioFormat.OPUS) {
                line("a=fmtp:" + c.payloadType() + " useinbandfec=1");
            }
        }
        for (TelephoneEventPt e : events) {
            line("a=rtpmap:" + e.payloadType() + " telephone-event/" + e.clockRate());
            line("a=fmtp:" + e.payloadType() + " 0-15"); // the DTMF keys: what we send and understand
        }
        line("a=ptime:20");
        line("a=" + direction);
        line("a=rtcp:" + (port + 1));
        if (crypto != null) {
            line("a=crypto:" + crypto.format());
        }
    }

    /** An offered stream we do not take: port 0, the offer's own profile and formats (RFC 3264 section 6). */
    void refused(MediaDescription m) {
        StringBuilder line = new StringBuilder("m=").append(m.media()).append(" 0 ").append(m.proto());
        m.formats().forEach(f -> line.append(' ').append(f));
        line(line.toString());
    }

    private void line(String line) {
        text.append(line).append("\r\n");
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
