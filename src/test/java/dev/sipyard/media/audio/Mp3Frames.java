package dev.sipyard.media.audio;

import java.io.ByteArrayOutputStream;

/**
 * Builds MPEG-1 layer III frames (44.1 kHz, 128 kbit/s, no CRC) whose spectrum is empty or holds
 * a single line, so MP3 decoding can be tested without an encoder. Each granule's main data is
 * Huffman-coded in the count1 region with table B (fixed four-bit codes: the complement of the
 * quadruple's bits), followed by a sign bit for the non-zero value; no scale factors (slen 0).
 * Line k of the 576 sounds at about (k + 0.5) * 44100 / 1152 Hz; the same line in every granule
 * makes the output periodic in 576 samples, so its energy lands on the multiple of 44100 / 576 Hz
 * nearest to that (line 11: 459.4 Hz).
 */
final class Mp3Frames {
    static final int RATE = 44100;
    static final int SAMPLES_PER_FRAME = 1152;
    private static final int FRAME_BYTES = 144 * 128_000 / RATE;

    /** The spectrum of one channel: {@code line} < 0 is silence; {@code gain} is the global gain (210 = unit scale). */
    record Channel(int line, int gain) {
        static final Channel SILENT = new Channel(-1, 0);
    }

    private Mp3Frames() {
    }

    static byte[] mono(int frames, Channel channel) {
        return frames(frames, new Channel[] {channel});
    }

    static byte[] stereo(int frames, Channel left, Channel right) {
        return frames(frames, new Channel[] {left, right});
    }

    private static byte[] frames(int count, Channel[] channels) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            out.writeBytes(frame(channels));
        }
        return out.toByteArray();
    }

    private static byte[] frame(Channel[] channels) {
        boolean mono = channels.length == 1;
        Bits bits = new Bits(FRAME_BYTES);
        // Header: sync, MPEG-1, layer III, no CRC; 128 kbit/s, 44.1 kHz, no padding; mono or stereo.
        bits.put(0xFFFB, 16);
        bits.put(0x90, 8);
        bits.put(mono ? 0xC0 : 0x00, 8);
        // Side information: main data begins in this frame, private bits, no scale factor sharing.
        bits.put(0, 9);
        bits.put(0, mono ? 5 : 3);
        bits.put(0, 4 * channels.length);
        for (int granule = 0; granule < 2; granule++) {
            for (Channel c : channels) {
                bits.put(mainDataBits(c), 12); // part2_3_length
                bits.put(0, 9); // big_values
                bits.put(c.gain(), 8);
                bits.put(0, 4); // scalefac_compress: no scale factors
                bits.put(0, 1); // long blocks
                bits.put(0, 15); // table_select x3
                bits.put(0, 4 + 3); // region counts
                bits.put(0, 2); // preflag, scalefac_scale
                bits.put(1, 1); // count1table_select: table B
            }
        }
        for (int granule = 0; granule < 2; granule++) {
            for (Channel c : channels) {
                if (c.line() >= 0) {
                    for (int quad = 0; quad < c.line() / 4; quad++) {
                        bits.put(0b1111, 4);
                    }
                    int value = 1 << (3 - c.line() % 4);
                    bits.put(~value & 0xF, 4);
                    bits.put(0, 1); // positive
                }
            }
        }
        return bits.bytes();
    }

    private static int mainDataBits(Channel c) {
        return c.line() < 0 ? 0 : 4 * (c.line() / 4 + 1) + 1;
    }

    /** A fixed-size buffer written most significant bit first. */
    private static final class Bits {
        private final byte[] bytes;
        private int position;

        Bits(int size) {
            bytes = new byte[size];
        }

        void put(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                int bit = (value >>> i) & 1;
                int at = position >> 3;
                int shift = 7 - (position & 7);
                bytes[at] = (byte) ((bytes[at] & ~(1 << shift)) | (bit << shift));
                position++;
            }
        }

        byte[] bytes() {
            return bytes;
        }
    }
}
