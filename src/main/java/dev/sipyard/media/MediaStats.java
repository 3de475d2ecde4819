package dev.sipyard.media;

/**
 * A snapshot of one stream's counters.
 *
 * @param packetsSent        RTP packets sent (audio, silence and telephone events)
 * @param bytesSent          their UDP payload bytes (after SRTP protection)
 * @param packetsReceived    RTP packets accepted (valid, from the accepted source, any payload type)
 * @param bytesReceived      their UDP payload bytes (before SRTP unprotection)
 * @param rtcpReceived       RTCP packets received (on port + 1 or multiplexed), counted only
 * @param ignoredWrongSource packets from an address other than the accepted or latched one
 * @param malformed          packets that are not RTP (or undecodable payloads)
 * @param srtpFailures       packets whose SRTP authentication failed
 * @param wrongPayloadType   valid RTP packets of a payload type that was not negotiated
 * @param floodDropped       packets dropped because the stream received too many too fast
 * @param late               RTP packets that arrived after a later one (reordered or duplicated)
 * @param lost               RTP packets never seen (sequence numbers skipped), estimated as in RFC 3550
 * @param jitterMillis       interarrival jitter (RFC 3550 A.8) in milliseconds
 */
public record MediaStats(long packetsSent, long bytesSent, long packetsReceived, long bytesReceived,
                         long rtcpReceived, long ignoredWrongSource, long malformed, long srtpFailures,
                         long wrongPayloadType, long floodDropped, long late, long lost, double jitterMillis) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "sent %d pkts/%d B, received %d pkts/%d B, rtcp %d, wrong source %d, malformed %d, srtp failures %d,"
                        + " wrong pt %d, flood dropped %d, late %d, lost %d, jitter %.1f ms",
                packetsSent, bytesSent, packetsReceived, bytesReceived, rtcpReceived, ignoredWrongSource, malformed,
                srtpFailures, wrongPayloadType, floodDropped, late, lost, jitterMillis);
    }
}
