package dev.sipyard.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where the media engine binds and which ports it may use.
 *
 * @param bindAddress       the local address the RTP/RTCP sockets bind to ({@code 0.0.0.0} for all)
 * @param advertisedAddress the address put into our SDP (the engine itself does not use it)
 * @param portMin           lowest port; RTP ports are the even ones, RTCP uses RTP port + 1
 * @param portMax           highest port (an RTCP port may be this one)
 * @param rtpTimeout        no accepted RTP for this long fires the media timeout; zero or null: never
 * @param recordingSpool    where recordings in progress keep their settled audio; null: in memory
 * @param realtimePriority  the {@code SCHED_FIFO} priority (1-99) the pacing clocks ask for; 0: normal scheduling
 */
public record MediaSettings(String bindAddress, String advertisedAddress, int portMin, int portMax,
                            Duration rtpTimeout, Path recordingSpool, int realtimePriority) {

    public MediaSettings(String bindAddress, String advertisedAddress, int portMin, int portMax, Duration rtpTimeout) {
        this(bindAddress, advertisedAddress, portMin, portMax, rtpTimeout, null, 0);
    }

    public MediaSettings {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("media bind address missing");
        }
        if (portMin < 1 || portMax > 65535 || portMin > portMax) {
            throw new IllegalArgumentException("media port range " + portMin + "-" + portMax + " is not valid");
        }
        if (PortPool.firstEven(portMin) + 1 > portMax) {
            throw new IllegalArgumentException("media port range " + portMin + "-" + portMax
                    + " holds no even RTP port with its RTCP port");
        }
        if (realtimePriority < 0 || realtimePriority > RealtimeScheduling.MAX_PRIORITY) {
            throw new IllegalArgumentException("media clock priority " + realtimePriority + " is outside 0-"
                    + RealtimeScheduling.MAX_PRIORITY);
        }
        rtpTimeout = rtpTimeout == null || rtpTimeout.isNegative() ? Duration.ZERO : rtpTimeout;
    }

    /** How many streams the port range can hold at once. */
    public int capacity() {
        return (portMax - PortPool.firstEven(portMin) + 1) / 2;
    }
}
