package dev.sipyard.sip.interop;

import java.util.Arrays;

/**
 * Where things are in a recording of a call, found in 32 ms blocks: the first sound, and where a
 * tone starts and stops. A block holds a tone when it is not quiet and most of its energy is at
 * the tone's frequency: one Goertzel filter over the whole Hann-windowed block, so the frequency
 * resolution (about 31 Hz) is the same at 8 kHz and at 48 kHz.
 */
final class ToneSpans {
    /** A block at least this loud is sound; sipyard's silence between prompts decodes to zero. */
    static final double SOUND_RMS = 500;
    /** Share of a block's energy at the tone's frequency: a clean sine gives ~1, speech far less. */
    private static final double TONE_SHARE = 0.6;
    /** A tone lasts at least this many blocks; a voice may hold a frequency for one. */
    private static final int MIN_TONE_BLOCKS = 3;

    private ToneSpans() {}

    private static int block(ToneAnalysis.Pcm pcm) {
        return pcm.sampleRate() * 32 / 1000;
    }

    /** The first sample of the first block louder than {@link #SOUND_RMS}; -1 when all is quiet. */
    static int firstSound(ToneAnalysis.Pcm pcm) {
        int block = block(pcm);
        for (int start = 0; start + block <= pcm.samples().length; start += block) {
            if (ToneAnalysis.rms(slice(pcm.samples(), start, start + block)) > SOUND_RMS) {
                return start;
            }
        }
        return -1;
    }

    /**
     * The first sample of the first run of at least {@value #MIN_TONE_BLOCKS} blocks, from
     * {@code from} on, that hold {@code hz}; -1 when there is none.
     */
    static int toneStart(ToneAnalysis.Pcm pcm, int from, int hz) {
        int block = block(pcm);
        for (int start = from; start + block <= pcm.samples().length; start += block) {
            if (toneEnd(pcm, start, hz) - start >= MIN_TONE_BLOCKS * block) {
                return start;
            }
        }
        return -1;
    }

    /** The end of the run of blocks holding {@code hz} that starts at {@code from} ({@code from} if none does). */
    static int toneEnd(ToneAnalysis.Pcm pcm, int from, int hz) {
        int block = block(pcm);
        int end = from;
        while (end + block <= pcm.samples().length && isTone(pcm, end, hz)) {
            end += block;
        }
        return end;
    }

    /** Whether the last {@value #MIN_TONE_BLOCKS} whole blocks of the recording all hold {@code hz}. */
    static boolean endsWithTone(ToneAnalysis.Pcm pcm, int hz) {
        int block = block(pcm);
        int start = pcm.samples().length - MIN_TONE_BLOCKS * block;
        return start >= 0 && toneEnd(pcm, start, hz) == start + MIN_TONE_BLOCKS * block;
    }

    static double millis(ToneAnalysis.Pcm pcm, int samples) {
        return samples * 1000.0 / pcm.sampleRate();
    }

    static short[] slice(short[] s, int from, int to) {
        return Arrays.copyOfRange(s, from, to);
    }

    /** The share of the block's energy at {@code hz}, from 0 to about 1. */
    static double share(short[] s, int from, int length, int rate, double hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / rate);
        double prev = 0;
        double prev2 = 0;
        double energy = 0;
        for (int i = 0; i < length; i++) {
            double x = s[from + i];
            energy += x * x;
            double cur = x * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (length - 1))) + coeff * prev - prev2;
            prev2 = prev;
            prev = cur;
        }
        double power = prev * prev + prev2 * prev2 - coeff * prev * prev2;
        // a sine of amplitude A gives power (A*N/4)^2 through a Hann window and energy A^2*N/2
        return energy == 0 ? 0 : 8 * power / (length * energy);
    }

    private static boolean isTone(ToneAnalysis.Pcm pcm, int start, int hz) {
        int length = block(pcm);
        return ToneAnalysis.rms(slice(pcm.samples(), start, start + length)) > SOUND_RMS
                && share(pcm.samples(), start, length, pcm.sampleRate(), hz) > TONE_SHARE;
    }
}
