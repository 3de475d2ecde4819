package dev.sipyard.sip.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * 16-bit PCM WAV files for audio tests: writes a sine tone, reads one back, and measures it
 * (RMS level, and the strongest frequency by Goertzel filters on a grid).
 */
public final class ToneAnalysis {
    /** Samples of one mono channel and their rate. */
    public record Pcm(short[] samples, int sampleRate) {
        public double seconds() {
            return samples.length / (double) sampleRate;
        }
    }

    private static final int BLOCK = 256;

    private ToneAnalysis() {}

    /** Writes a mono 16-bit WAV of a sine at {@code hz}, amplitude half of full scale. */
    public static void writeSine(Path file, int hz, int sampleRate, double seconds) throws IOException {
        int n = (int) (sampleRate * seconds);
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate)
                .putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) Math.round(16384 * Math.sin(2 * Math.PI * hz * i / sampleRate)));
        }
        Files.write(file, b.array());
    }

    /** Reads a 16-bit PCM WAV; a stereo file gives its first channel. */
    public static Pcm read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + " is not a RIFF/WAVE file");
        }
        int pos = 12;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                channels = b.getShort(body + 2);
                rate = b.getInt(body + 4);
                bits = b.getShort(body + 14);
            } else if (id == 0x61746164) { // "data"
                if (bits != 16 || channels < 1) {
                    throw new IOException(file + ": only 16-bit PCM is read here (" + bits + " bits)");
                }
                // a writer killed mid-way may leave the size unset: take what is there
                int end = size <= 0 || body + size > b.limit() ? b.limit() : body + size;
                int frames = (end - body) / (2 * channels);
                short[] s = new short[frames];
                for (int i = 0; i < frames; i++) {
                    s[i] = b.getShort(body + i * 2 * channels);
                }
                return new Pcm(s, rate);
            }
            pos = body + size + (size & 1);
        }
        throw new IOException(file + " has no data chunk");
    }

    /** Root mean square level, 0 to 32768. */
    public static double rms(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return s.length == 0 ? 0 : Math.sqrt(sum / s.length);
    }

    /**
     * Power at {@code hz}: Goertzel filters over Hann-windowed blocks of {@value #BLOCK} samples,
     * summed. Short windowed blocks give each frequency a main lobe wider than the search grid,
     * so a tone between grid points is still found, and leakage far from it stays small.
     */
    static double power(short[] s, int sampleRate, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
        double total = 0;
        for (int start = 0; start + BLOCK <= s.length; start += BLOCK) {
            double prev = 0;
            double prev2 = 0;
            for (int i = 0; i < BLOCK; i++) {
                double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (BLOCK - 1));
                double cur = s[start + i] * window + coeff * prev - prev2;
                prev2 = prev;
                prev = cur;
            }
            total += prev * prev + prev2 * prev2 - coeff * prev * prev2;
        }
        return total;
    }

    /** The frequency with the most power among 100, 110, ... Hz up to just under half the rate. */
    public static double dominantFrequency(short[] s, int sampleRate) {
        double best = 0;
        double bestPower = -1;
        for (double hz = 100; hz < sampleRate / 2.0 - 100; hz += 10) {
            double p = power(s, sampleRate, hz);
            if (p > bestPower) {
                bestPower = p;
                best = hz;
            }
        }
        return best;
    }
}
