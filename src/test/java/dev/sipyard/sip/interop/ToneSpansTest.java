package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding sound and tones in a recording, on audio made here: 0.5 s silence, 1 s at 800 Hz, 0.5 s at 1200 Hz. */
class ToneSpansTest {

    private static ToneAnalysis.Pcm recording(int rate) {
        short[] s = new short[2 * rate];
        for (int i = rate / 2; i < s.length; i++) {
            double hz = i < 3 * rate / 2 ? 800 : 1200;
            s[i] = (short) (12000 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return new ToneAnalysis.Pcm(s, rate);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 48000})
    void theFirstSoundIsFoundWithinABlock(int rate) {
        ToneAnalysis.Pcm pcm = recording(rate);
        assertThat(ToneSpans.millis(pcm, ToneSpans.firstSound(pcm))).isBetween(468.0, 500.0);
        assertThat(ToneSpans.firstSound(new ToneAnalysis.Pcm(new short[rate], rate))).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 48000})
    void aToneRunsUntilTheNextToneAndTheNextIsFoundAfterIt(int rate) {
        ToneAnalysis.Pcm pcm = recording(rate);
        int start = ToneSpans.toneStart(pcm, 0, 800);
        assertThat(ToneSpans.millis(pcm, start)).as("the first block wholly in the tone").isBetween(468.0, 532.0);
        int end = ToneSpans.toneEnd(pcm, start, 800);
        assertThat(ToneSpans.millis(pcm, end - start)).isBetween(968.0, 1032.0);
        int next = ToneSpans.toneStart(pcm, end, 1200);
        assertThat(ToneSpans.millis(pcm, next)).isBetween(1468.0, 1532.0);
        assertThat(ToneSpans.toneStart(pcm, 0, 1000)).as("a frequency that is not there").isEqualTo(-1);
        assertThat(ToneSpans.toneStart(pcm, 0, 830)).as("one 30 Hz off").isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 48000})
    void theEndOfARecordingIsCheckedForATone(int rate) {
        ToneAnalysis.Pcm pcm = recording(rate);
        assertThat(ToneSpans.endsWithTone(pcm, 1200)).isTrue();
        assertThat(ToneSpans.endsWithTone(pcm, 800)).isFalse();
        assertThat(ToneSpans.endsWithTone(new ToneAnalysis.Pcm(new short[100], rate), 1200)).isFalse();
    }

    @Test
    void loudNoiseIsSoundButNoTone() {
        long seed = System.nanoTime();
        System.out.println("noise seed " + seed);
        Random random = new Random(seed);
        short[] s = new short[8000];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (random.nextGaussian() * 5000);
        }
        ToneAnalysis.Pcm pcm = new ToneAnalysis.Pcm(s, 8000);
        assertThat(ToneSpans.firstSound(pcm)).isZero();
        assertThat(ToneSpans.toneStart(pcm, 0, 800)).as("seed %d", seed).isEqualTo(-1);
    }
}
