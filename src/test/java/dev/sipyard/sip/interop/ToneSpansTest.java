package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Finding sound and tones in a recording, on audio made here: 0.5 s silence, 1 s at 800 Hz, 0.5 s at 1200 Hz. */
class ToneSpansTest {
    private static final int RATE = 8000;

    private static ToneAnalysis.Pcm recording() {
        short[] s = new short[2 * RATE];
        for (int i = RATE / 2; i < s.length; i++) {
            double hz = i < 3 * RATE / 2 ? 800 : 1200;
            s[i] = (short) (12000 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return new ToneAnalysis.Pcm(s, RATE);
    }

    @Test
    void theFirstSoundIsFoundWithinABlock() {
        int onset = ToneSpans.firstSound(recording());
        assertThat(ToneSpans.millis(recording(), onset)).isBetween(468.0, 500.0);
        assertThat(ToneSpans.firstSound(new ToneAnalysis.Pcm(new short[RATE], RATE))).isEqualTo(-1);
    }

    @Test
    void aToneRunsUntilTheNextToneAndTheNextIsFoundAfterIt() {
        ToneAnalysis.Pcm pcm = recording();
        int start = ToneSpans.toneStart(pcm, 0, 800);
        int end = ToneSpans.toneEnd(pcm, start, 800);
        assertThat(ToneSpans.millis(pcm, end - start)).isBetween(936.0, 1032.0);
        int next = ToneSpans.toneStart(pcm, end, 1200);
        assertThat(ToneSpans.millis(pcm, next)).isBetween(1468.0, 1532.0);
        assertThat(ToneSpans.toneStart(pcm, 0, 1000)).isEqualTo(-1);
    }

    @Test
    void theEndOfARecordingIsCheckedForATone() {
        ToneAnalysis.Pcm pcm = recording();
        assertThat(ToneSpans.endsWithTone(pcm, 1200, 3)).isTrue();
        assertThat(ToneSpans.endsWithTone(pcm, 800, 3)).isFalse();
        assertThat(ToneSpans.endsWithTone(new ToneAnalysis.Pcm(new short[100], RATE), 1200, 3)).isFalse();
    }
}
