package dev.sipyard.media.sdp;

import java.util.List;

/**
 * An SDP body (RFC 4566) as far as the media engine needs it.
 *
 * @param origin the {@code o=} line
 * @param sessionName the {@code s=} text, empty when absent
 * @param connection the session-level {@code c=} address, null when absent
 * @param media the {@code m=} sections in order
 */
public record SessionDescription(Origin origin, String sessionName, String connection, List<MediaDescription> media) {
    /** The largest body we read, in characters (the SIP layer bounds the bytes before decoding). */
    public static final int MAX_LENGTH = 64 * 1024;
    public static final int MAX_MEDIA = 16;
    public static final int MAX_FORMATS = 64;

    public SessionDescription {
        media = List.copyOf(media);
    }

    /**
     * {@code o=<username> <sessionId> <version> IN <addrType> <address>}; the numbers are kept as text because
     * they may exceed a long.
     */
    public record Origin(String username, String sessionId, String version, String address) {}

    /**
     * Reads an SDP body: CRLF or LF line ends, lines and attributes in any order, unknown lines ignored.
     *
     * @throws MalformedSdp when it is not SDP or exceeds the bounds; never anything else
     */
    public static SessionDescription parse(String sdp) throws MalformedSdp {
        return SdpParser.parse(sdp);
    }
}
