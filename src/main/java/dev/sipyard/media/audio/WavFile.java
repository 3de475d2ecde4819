package dev.sipyard.media.audio;

import dev.sipyard.media.codec.G711;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes WAV (RIFF/WAVE) files.
 *
 * <p>Reading accepts integer PCM of 8 (unsigned), 16, 24 and 32 bits, IEEE float of 32 and 64
 * bits, G.711 mu-law and A-law, plain or as WAVE_FORMAT_EXTENSIBLE, any rate and up to
 * {@value #MAX_CHANNELS} channels (mixed down to mono by averaging). Chunks may come in any order
 * as long as {@code fmt } precedes {@code data}; unknown chunks are skipped.
 *
 * <p>A {@code data} chunk that claims more bytes than the file holds is cut to the whole frames
 * present rather than refused: writers that stream to a pipe (espeak-ng {@code --stdout} among
 * them) cannot seek back to fill in the size and leave a placeholder such as 0x7ffff000. Every
 * other chunk must fit in the file.
 */
public final class WavFile {
    static final int MAX_CHANNELS = 32;
    static final int MAX_RATE = 768_000;
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_ALAW = 6;
    private static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** The 14 bytes that follow the format code in every standard KSDATAFORMAT_SUBTYPE GUID. */
    private static final byte[] SUBTYPE_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
            0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private WavFile() {
    }

    public static AudioClip read(byte[] wav) throws UnsupportedAudio {
        return read(wav, Long.MAX_VALUE);
    }

    /** Like {@link #read(byte[])}, refusing audio of more than {@code maxSamples} (mono) samples before decoding it. */
    public static AudioClip read(byte[] wav, long maxSamples) throws UnsupportedAudio {
        if (wav.length < 12 || !tag(wav, 0, "RIFF") || !tag(wav, 8, "WAVE")) {
            throw new UnsupportedAudio("not a WAV file (no RIFF/WAVE header)");
        }
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        Format format = null;
        int at = 12;
        while (at + 8 <= wav.length) {
            long size = Integer.toUnsignedLong(in.getInt(at + 4));
            int body = at + 8;
            if (tag(wav, at, "data")) {
                if (format == null) {
                    throw new UnsupportedAudio("WAV data chunk before its fmt chunk");
                }
                int present = (int) Math.min(size, wav.length - body);
                return format.decode(in, body, present / format.blockAlign, maxSamples);
            }
            if (size > wav.length - body) {
                throw new UnsupportedAudio("truncated WAV file (chunk '" + printable(wav, at) + "' runs past the end)");
            }
            if (tag(wav, at, "fmt ")) {
                format = Format.parse(in, body, (int) size);
            }
            at = body + (int) size + (int) (size & 1);
        }
        throw new UnsupportedAudio(format == null ? "WAV file without a fmt chunk" : "WAV file without a data chunk");
    }

    /** The length of {@link #header}'s output. */
    public static final int HEADER_BYTES = 44;

    /** {@code clip} as a PCM16 mono WAV file with the standard 44-byte header. */
    public static byte[] write(AudioClip clip) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + clip.samples().length * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.put(header(clip.sampleRate(), clip.samples().length));
        for (short s : clip.samples()) {
            out.putShort(s);
        }
        return out.array();
    }

    /**
     * The 44-byte header of a PCM16 mono WAV file holding {@code samples} samples, which follow it
     * as little-endian 16-bit values.
     */
    public static byte[] header(int sampleRate, long samples) {
        if (samples < 0 || samples * 2 > 0xFFFF_FFFFL - 36) {
            throw new IllegalArgumentException("a WAV file cannot hold " + samples + " samples");
        }
        int dataBytes = (int) (samples * 2);
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(36 + dataBytes).put(ascii("WAVE"));
        out.put(ascii("fmt ")).putInt(16)
                .putShort((short) FORMAT_PCM).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16);
        out.put(ascii("data")).putInt(dataBytes);
        return out.array();
    }

    /** Writes {@code clip} to {@code file} as {@link #write(AudioClip)} does; I/O failures are {@link UncheckedIOException}. */
    public static void write(AudioClip clip, Path file) {
        try {
            Files.write(file, write(clip));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the fmt chunk says, checked. */
    private record Format(int code, int channels, int rate, int blockAlign, int bytesPerSample) {
        static Format parse(ByteBuffer in, int at, int size) throws UnsupportedAudio {
            if (size < 16) {
                throw new UnsupportedAudio("WAV fmt chunk too short (" + size + " bytes)");
            }
            int code = Short.toUnsignedInt(in.getShort(at));
            int channels = Short.toUnsignedInt(in.getShort(at + 2));
            long rate = Integer.toUnsignedLong(in.getInt(at + 4));
            int blockAlign = Short.toUnsignedInt(in.getShort(at + 12));
            int bits = Short.toUnsignedInt(in.getShort(at + 14));
            if (code == FORMAT_EXTENSIBLE) {
                code = extensibleSubtype(in, at, size);
            }
            if (channels < 1 || channels > MAX_CHANNELS) {
                throw new UnsupportedAudio("WAV with " + channels + " channels is not supported");
            }
            if (rate < 1 || rate > MAX_RATE) {
                throw new UnsupportedAudio("WAV sample rate " + rate + " Hz is not supported");
            }
            if (!supported(code, bits)) {
                throw new UnsupportedAudio("WAV " + describe(code) + " with " + bits + " bits per sample is not supported");
            }
            int bytesPerSample = bits / 8;
            if (blockAlign != channels * bytesPerSample) {
                throw new UnsupportedAudio("odd WAV header: block align " + blockAlign + " for " + channels
                        + " channels of " + bits + " bits");
            }
            return new Format(code, channels, (int) rate, blockAlign, bytesPerSample);
        }

        private static int extensibleSubtype(ByteBuffer in, int at, int size) throws UnsupportedAudio {
            if (size < 40 || Short.toUnsignedInt(in.getShort(at + 16)) < 22) {
                throw new UnsupportedAudio("WAV extensible fmt chunk too short (" + size + " bytes)");
            }
            int guid = at + 24;
            for (int i = 0; i < SUBTYPE_TAIL.length; i++) {
                if (in.get(guid + 2 + i) != SUBTYPE_TAIL[i]) {
                    throw new UnsupportedAudio("WAV extensible format with an unknown subtype");
                }
            }
            return Short.toUnsignedInt(in.getShort(guid));
        }

        private static boolean supported(int code, int bits) {
            return switch (code) {
                case FORMAT_PCM -> bits == 8 || bits == 16 || bits == 24 || bits == 32;
                case FORMAT_FLOAT -> bits == 32 || bits == 64;
                case FORMAT_ALAW, FORMAT_MULAW -> bits == 8;
                default -> false;
            };
        }

        private static String describe(int code) {
            return switch (code) {
                case FORMAT_PCM -> "PCM";
                case FORMAT_FLOAT -> "IEEE float";
                case FORMAT_ALAW -> "A-law";
                case FORMAT_MULAW -> "mu-law";
                default -> "format " + code;
            };
        }

        AudioClip decode(ByteBuffer in, int at, int frames, long maxSamples) throws UnsupportedAudio {
            if (frames > maxSamples) {
                throw UnsupportedAudio.tooLong(maxSamples, rate);
            }
            short[] out = new short[frames];
            for (int f = 0; f < frames; f++) {
                long sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += sample(in, at + f * blockAlign + c * bytesPerSample);
                }
                out[f] = (short) (sum / channels);
            }
            return new AudioClip(rate, out);
        }

        /** One sample as 16-bit linear. */
        private int sample(ByteBuffer in, int at) {
            return switch (code) {
                case FORMAT_PCM -> switch (bytesPerSample) {
                    case 1 -> ((in.get(at) & 0xFF) - 128) << 8;
                    case 2 -> in.getShort(at);
                    case 3 -> in.get(at + 2) << 8 | (in.get(at + 1) & 0xFF);
                    default -> in.getShort(at + 2);
                };
                case FORMAT_FLOAT -> clamp(bytesPerSample == 4 ? in.getFloat(at) : in.getDouble(at));
                case FORMAT_ALAW -> G711.fromAlaw(in.get(at));
                default -> G711.fromUlaw(in.get(at));
            };
        }

        private static int clamp(double v) {
            if (Double.isNaN(v)) {
                return 0;
            }
            return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v * 32768.0)));
        }
    }

    private static boolean tag(byte[] b, int at, String fourCc) {
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != fourCc.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String printable(byte[] b, int at) {
        StringBuilder s = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            char c = (char) (b[at + i] & 0xFF);
            s.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return s.toString();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
