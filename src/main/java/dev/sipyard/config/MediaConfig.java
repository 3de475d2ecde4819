package dev.sipyard.config;

import java.time.Duration;

/**
 * The media engine's settings: where RTP flows and how prompts are made.
 *
 * @param rtpBindAddress     the address RTP sockets bind to
 * @param rtpPublicAddress   the address written into SDP (what phones send RTP to)
 * @param rtpPortMin         lowest RTP port (even; RTCP uses the next one)
 * @param rtpPortMax         highest RTP port
 * @param rtpTimeout         a call whose caller sends no RTP for this long is hung up
 * @param ttsCommand         the espeak-ng executable (a name on PATH or a path)
 * @param ttsMaxChars        the longest text one {@code <Say>} may speak
 * @param playMaxBytes       the largest audio file a {@code <Play>} fetches
 * @param promptCacheBytes   memory kept for rendered speech and fetched audio
 * @param maxMediaCalls      calls the engine carries at once; more are refused with 503
 * @param rtPriority         the real-time (SCHED_FIFO) priority of the media clocks; 0: normal scheduling
 */
public record MediaConfig(
        String rtpBindAddress,
        String rtpPublicAddress,
        int rtpPortMin,
        int rtpPortMax,
        Duration rtpTimeout,
        String ttsCommand,
        int ttsMaxChars,
        long playMaxBytes,
        long promptCacheBytes,
        int maxMediaCalls,
        int rtPriority) {}
