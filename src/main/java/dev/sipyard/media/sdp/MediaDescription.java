package dev.sipyard.media.sdp;

import dev.sipyard.media.srtp.SdesCrypto;
import java.util.List;
import java.util.Map;

/**
 * One {@code m=} section of an SDP body, with the session-level values it inherits already applied.
 *
 * @param media {@code audio}, {@code video}, {@code application}... as written
 * @param port 0 when the stream is rejected or disabled
 * @param proto {@code RTP/AVP}, {@code RTP/SAVP}, {@code RTP/SAVPF}... as written
 * @param formats the format tokens of the {@code m=} line, in the sender's order of preference
 * @param rtpmaps {@code a=rtpmap} by payload type
 * @param fmtp {@code a=fmtp} parameters by payload type
 * @param connection the media-level {@code c=} address, else the session-level one; null when neither is given
 * @param direction {@code sendrecv} (the default), {@code sendonly}, {@code recvonly} or {@code inactive};
 *     a media-level attribute wins over a session-level one
 * @param cryptos the usable {@code a=crypto} lines in the order offered; unusable ones are left out
 * @param ptime {@code a=ptime} in milliseconds, null when absent
 * @param rtcpMux whether {@code a=rtcp-mux} is present (RFC 5761)
 * @param rtcpPort the port of {@code a=rtcp:} (RFC 3605), null when absent
 */
public record MediaDescription(
        String media,
        int port,
        String proto,
        List<String> formats,
        Map<Integer, RtpMap> rtpmaps,
        Map<Integer, String> fmtp,
        String connection,
        String direction,
        List<SdesCrypto> cryptos,
        Integer ptime,
        boolean rtcpMux,
        Integer rtcpPort) {

    public MediaDescription {
        formats = List.copyOf(formats);
        rtpmaps = Map.copyOf(rtpmaps);
        fmtp = Map.copyOf(fmtp);
        cryptos = List.copyOf(cryptos);
    }

    /** The contract's form: no {@code a=rtcp-mux}, no {@code a=rtcp}. */
    public MediaDescription(String media, int port, String proto, List<String> formats, Map<Integer, RtpMap> rtpmaps,
            Map<Integer, String> fmtp, String connection, String direction, List<SdesCrypto> cryptos, Integer ptime) {
        this(media, port, proto, formats, rtpmaps, fmtp, connection, direction, cryptos, ptime, false, null);
    }

    /** Whether the profile is SRTP with SDES keys: {@code RTP/SAVP} or {@code RTP/SAVPF}. */
    public boolean secureProfile() {
        return proto.equalsIgnoreCase("RTP/SAVP") || proto.equalsIgnoreCase("RTP/SAVPF");
    }

    /** Whether the profile is plain RTP: {@code RTP/AVP} or {@code RTP/AVPF}. */
    public boolean plainProfile() {
        return proto.equalsIgnoreCase("RTP/AVP") || proto.equalsIgnoreCase("RTP/AVPF");
    }
}
