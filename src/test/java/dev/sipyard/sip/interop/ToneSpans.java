package dev.sipyard.sip.interop;

import java.util.Arrays;

/**
 * Where things are in a recording of a call, found in 32 ms blocks: the first sound, and where a
 * tone starts and stops (blocks whose strongest frequency is the tone's and that are not quiet).
 */
final class ToneSpans {
    /** A block at least this loud is sound; sipyard's silence between prompts decodes to zero. */
    static final double SOUND_RMS = 500;
    private static final double HZ_TOLERANCE = 20;

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

    /** The first sample of the first block from {@code from} on that holds {@code hz}; -1 when none does. */
    static int toneStart(ToneAnalysis.Pcm pcm, int from, int hz) {
        int block = block(pcm);
        for (int start = from; start + block <= pcm.samples().length; start += block) {
            if (isTone(pcm, start, hz)) {
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

    /** Whether the last {@code blocks} whole blocks of the recording all hold {@code hz}. */
    static boolean endsWithTone(ToneAnalysis.Pcm pcm, int hz, int blocks) {
        int block = block(pcm);
        int start = pcm.samples().length - blocks * block;
        if (start < 0) {
            return false;
        }
        return toneEnd(pcm, start, hz) == start + blocks * block;
    }

    static double millis(ToneAnalysis.Pcm pcm, int samples) {
        return samples * 1000.0 / pcm.sampleRate();
    }

    static short[] slice(short[] s, int from, int to) {
        return Arrays.copyOfRange(s, from, to);
    }

    private static boolean isTone(ToneAnalysis.Pcm pcm, int start, int hz) {
        short[] b = slice(pcm.samples(), start, start + block(pcm));
        return ToneAnalysis.rms(b) > SOUND_RMS
                && Math.abs(ToneAnalysis.dominantFrequency(b, pcm.sampleRate()) - hz) <= HZ_TOLERANCE;
    }
}
