package dev.sipyard.media.sdp;

/** Reads SDP text into a {@link SessionDescription}. */
final class SdpParser {
    private SdpParser() {}

    static SessionDescription parse(String sdp) throws MalformedSdp {
        throw new MalformedSdp("not implemented");
    }
}
