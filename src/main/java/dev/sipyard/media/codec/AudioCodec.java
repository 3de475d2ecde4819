package dev.sipyard.media.codec;

/**
 * An RTP audio codec between 16-bit signed linear mono PCM and RTP payloads. Instances are per stream and may keep
 * state (Opus does), so one instance must not be shared between streams.
 */
public interface AudioCodec {
    /** The canonical name: {@code PCMU}, {@code PCMA} or {@code OPUS}. */
    String name();

    /** The PCM sample rate that {@link #encode} takes and {@link #decode} gives (8000 for G.711, 48000 for Opus). */
    int payloadSampleRate();

    /** The RTP timestamp clock rate (8000 for G.711, 48000 for Opus). */
    int rtpClockRate();

    /** The number of PCM samples in one 20 ms frame at {@link #payloadSampleRate()}. */
    int frameSamples();

    /**
     * How many samples the encoder holds back: the end of the audio comes out only after this many more samples
     * were encoded (Opus looks ahead; G.711 does not). Whoever encodes a clip on its own encoder adds this much
     * silence after it, or its last milliseconds are never sent.
     */
    default int lookaheadSamples() {
        return 0;
    }

    /** Encodes one frame of PCM (normally {@link #frameSamples()} samples) into an RTP payload. */
    byte[] encode(short[] pcm);

    /**
     * Decodes an RTP payload into PCM at {@link #payloadSampleRate()}: as many samples as the payload holds (G.711:
     * one per byte; Opus: the packet's duration, normally one 20 ms frame). Never throws on bad input: a payload
     * that cannot be decoded, or an impossible range, gives one frame of silence or of packet-loss concealment.
     * For Opus an empty payload asks for the concealment of one lost frame.
     */
    short[] decode(byte[] payload, int offset, int length);

    /**
     * As {@link #decode(byte[], int, int)}, but may fill and return {@code reuse} instead of a new array when the
     * result has exactly its length (G.711 does; a stream decodes 50 packets a second). The caller must be done
     * with the array it passes.
     */
    default short[] decode(byte[] payload, int offset, int length, short[] reuse) {
        return decode(payload, offset, length);
    }
}
