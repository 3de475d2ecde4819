package dev.sipyard.media.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;

/** Opus (RFC 7587) through concentus: 48 kHz mono, 20 ms frames, VOIP application. */
final class OpusCodec implements AudioCodec {
    private static final int RATE = 48000;
    private static final int FRAME = RATE / 50;
    /** The largest Opus packet for one frame (RFC 6716 section 3.2.1 bounds a frame at 1275 bytes). */
    private static final int MAX_PACKET = 1275;
    /** The longest packet a peer may send (120 ms); decoding into a shorter buffer would fail on long packets. */
    private static final int MAX_DECODED = RATE * 120 / 1000;

    /** Wideband speech is transparent well below this; RFC 7587 section 3.1.1 suggests 20-32 kbit/s for it. */
    private static final int BITRATE = 32000;
    /** Half of concentus' default 10: a server encodes for many calls on few cores. */
    private static final int COMPLEXITY = 5;

    private final OpusEncoder encoder;
    private final OpusDecoder decoder;

    OpusCodec() {
        try {
            encoder = new OpusEncoder(RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            encoder.setBitrate(BITRATE);
            encoder.setComplexity(COMPLEXITY);
            decoder = new OpusDecoder(RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus codec cannot start: " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "OPUS";
    }

    @Override
    public int payloadSampleRate() {
        return RATE;
    }

    @Override
    public int rtpClockRate() {
        return RATE;
    }

    @Override
    public int frameSamples() {
        return FRAME;
    }

    @Override
    public synchronized int lookaheadSamples() {
        return encoder.getLookahead();
    }

    /**
     * Encodes exactly one 20 ms frame: shorter input is padded with silence, longer input is cut.
     *
     * @throws IllegalStateException if concentus fails, which only a bug can cause for a well-sized frame
     */
    @Override
    public synchronized byte[] encode(short[] pcm) {
        short[] frame = pcm.length == FRAME ? pcm : Arrays.copyOf(pcm, FRAME);
        byte[] out = new byte[MAX_PACKET];
        try {
            int n = encoder.encode(frame, 0, FRAME, out, 0, out.length);
            return Arrays.copyOf(out, n);
        } catch (OpusException | RuntimeException e) {
            throw new IllegalStateException("Opus encoding failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes one packet; a packet the decoder cannot take is concealed like a lost one, and when
     * even that fails the frame is silence. Concentus reports some corrupt input with an
     * {@link AssertionError} (its internal checks run whether or not the JVM enables assertions):
     * packets come from the network, so that is a corrupt packet too, never a reason to stop the
     * stream. After any failure the decoder starts again from a clean state.
     */
    @Override
    public synchronized short[] decode(byte[] payload, int offset, int length) {
        boolean usable = payload != null && offset >= 0 && length > 0 && offset <= payload.length - length;
        if (usable) {
            short[] out = new short[MAX_DECODED];
            try {
                int n = decoder.decode(payload, offset, length, out, 0, MAX_DECODED, false);
                if (n > 0) {
                    return Arrays.copyOf(out, n);
                }
            } catch (OpusException | RuntimeException | AssertionError e) {
                decoder.resetState();
            }
        }
        return concealment();
    }

    /** One frame of packet-loss concealment (silence when even that fails). */
    private short[] concealment() {
        short[] out = new short[FRAME];
        try {
            decoder.decode(null, 0, 0, out, 0, FRAME, false);
        } catch (OpusException | RuntimeException | AssertionError e) {
            decoder.resetState();
            Arrays.fill(out, (short) 0);
        }
        return out;
    }
}
