package dev.sipyard.media.sdp;

/**
 * One {@code a=rtpmap:<payloadType> <encoding>/<clockRate>[/<channels>]} attribute.
 *
 * @param encoding as written in the SDP (compare case-insensitively)
 * @param channels 1 when the attribute does not say
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {}
