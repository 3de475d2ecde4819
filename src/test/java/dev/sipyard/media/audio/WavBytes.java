package dev.sipyard.media.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files chunk by chunk for tests, including broken ones. */
final class WavBytes {
    static final byte[] SUBTYPE_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
            0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();

    static WavBytes riff() {
        return new WavBytes();
    }

    /** A file with one fmt chunk and one data chunk holding {@code data}. */
    static byte[] simple(int format, int channels, int rate, int bits, byte[] data) {
        return riff().fmt(format, channels, rate, bits).chunk("data", data).bytes();
    }

    WavBytes fmt(int format, int channels, int rate, int bits) {
        return chunk("fmt ", fmtBody(format, channels, rate, bits, channels * bits / 8).array());
    }

    WavBytes fmtWithBlockAlign(int format, int channels, int rate, int bits, int blockAlign) {
        return chunk("fmt ", fmtBody(format, channels, rate, bits, blockAlign).array());
    }

    /** A WAVE_FORMAT_EXTENSIBLE fmt chunk whose subtype GUID carries {@code subtype}, with {@code tail} after it. */
    WavBytes extensible(int subtype, int channels, int rate, int bits, byte[] tail) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put(fmtBody(0xFFFE, channels, rate, bits, channels * bits / 8).array());
        b.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4);
        b.putShort((short) subtype).put(tail);
        return chunk("fmt ", b.array());
    }

    WavBytes chunk(String id, byte[] body) {
        return chunkClaiming(id, body.length, body);
    }

    /** A chunk whose size field says {@code claimed} whatever {@code body} holds (no pad byte when it lies). */
    WavBytes chunkClaiming(String id, long claimed, byte[] body) {
        chunks.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        chunks.writeBytes(le32((int) claimed));
        chunks.writeBytes(body);
        if (claimed == body.length && body.length % 2 == 1) {
            chunks.write(0);
        }
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(4 + chunks.size()));
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(chunks.toByteArray());
        return out.toByteArray();
    }

    static byte[] le16(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static byte[] le24(int... values) {
        byte[] out = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            out[3 * i] = (byte) values[i];
            out[3 * i + 1] = (byte) (values[i] >> 8);
            out[3 * i + 2] = (byte) (values[i] >> 16);
        }
        return out;
    }

    static byte[] le32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] float32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] float64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static ByteBuffer fmtBody(int format, int channels, int rate, int bits, int blockAlign) {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) format).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return b;
    }
}
