package dev.sipyard.media.codec;

/** PCMU or PCMA at 8 kHz, 20 ms frames. Stateless. */
final class G711Codec implements AudioCodec {
    private final boolean ulaw;

    G711Codec(boolean ulaw) {
        this.ulaw = ulaw;
    }

    @Override
    public String name() {
        return ulaw ? "PCMU" : "PCMA";
    }

    @Override
    public int payloadSampleRate() {
        return 8000;
    }

    @Override
    public int rtpClockRate() {
        return 8000;
    }

    @Override
    public int frameSamples() {
        return 160;
    }

    @Override
    public byte[] encode(short[] pcm) {
        byte[] out = new byte[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = ulaw ? G711.ulaw(pcm[i]) : G711.alaw(pcm[i]);
        }
        return out;
    }

    @Override
    public short[] decode(byte[] payload, int offset, int length) {
        return decode(payload, offset, length, null);
    }

    @Override
    public short[] decode(byte[] payload, int offset, int length, short[] reuse) {
        if (payload == null || offset < 0 || length < 0 || offset > payload.length - length) {
            return new short[frameSamples()];
        }
        short[] out = reuse != null && reuse.length == length ? reuse : new short[length];
        for (int i = 0; i < length; i++) {
            byte b = payload[offset + i];
            out[i] = ulaw ? G711.fromUlaw(b) : G711.fromAlaw(b);
        }
        return out;
    }
}
