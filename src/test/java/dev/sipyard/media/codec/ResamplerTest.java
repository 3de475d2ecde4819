package dev.sipyard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ResamplerTest {
    @Test
    void equalRatesReturnTheInput() {
        short[] in = Tones.sine(8000, 1000, 20, 0.5);
        assertThat(Resampler.resample(in, 8000, 8000)).isSameAs(in);
    }

    @Test
    void lengthsFollowTheRatio() {
        assertThat(Resampler.resample(new short[8000], 8000, 48000)).hasSize(48000);
        assertThat(Resampler.resample(new short[22050], 22050, 8000)).hasSize(8000);
        assertThat(Resampler.resample(new short[44100], 44100, 48000)).hasSize(48000);
        assertThat(Resampler.resample(new short[0], 16000, 8000)).isEmpty();
    }

    @Test
    void outputLengthSaysWhatResampleGives() {
        for (int[] c : new int[][] {{22050, 8000, 12345}, {8000, 48000, 161}, {48000, 8000, 7}, {16000, 16000, 99}}) {
            assertThat(Resampler.outputLength(c[2], c[0], c[1]))
                    .isEqualTo(Resampler.resample(new short[c[2]], c[0], c[1]).length);
        }
    }

    @Test
    void upAndDownAgainPreservesAToneInTheTelephoneBand() {
        short[] tone = Tones.sine(8000, 1000, 500, 0.5);
        short[] up = Resampler.resample(tone, 8000, 48000);
        assertThat(Goertzel.dominantFrequency(up, 48000, 50, 20000)).isCloseTo(1000, within(2.0));
        short[] back = Resampler.resample(up, 48000, 8000);
        // away from the edges, where the filter sees zeros beyond the ends
        int margin = 400;
        double maxError = 0;
        for (int i = margin; i < tone.length - margin; i++) {
            maxError = Math.max(maxError, Math.abs(back[i] - tone[i]));
        }
        assertThat(maxError).as("largest sample error of a half-scale 1 kHz sine").isLessThan(0.01 * 32767);
        double ratio = Goertzel.rms(back, margin, tone.length - 2 * margin) / Goertzel.rms(tone, margin, tone.length - 2 * margin);
        assertThat(ratio).isCloseTo(1.0, within(0.01));
    }

    @Test
    void upsamplingAddsNoImagesAboveTheOriginalBand() {
        short[] up = Resampler.resample(Tones.sine(8000, 1000, 500, 0.5), 8000, 48000);
        double wanted = Goertzel.power(up, 2400, 19200, 48000, 1000);
        double image = Goertzel.power(up, 2400, 19200, 48000, 7000); // 8000 - 1000
        assertThat(10 * Math.log10(image / wanted)).isLessThan(-60);
    }

    @Test
    void downsamplingRemovesToneAboveTheNewNyquistFrequency() {
        short[] high = Tones.sine(48000, 6000, 500, 0.5);
        short[] down = Resampler.resample(high, 48000, 8000);
        // 6 kHz would alias to 2 kHz at 8 kHz
        double aliased = Goertzel.power(down, 400, 3200, 8000, 2000);
        double original = Goertzel.power(high, 2400, 19200, 48000, 6000);
        assertThat(10 * Math.log10(aliased / original)).isLessThan(-60);
        double residue = Goertzel.rms(down, 400, 3200) / Goertzel.rms(high, 2400, 19200);
        assertThat(residue).isLessThan(0.001);
    }

    @Test
    void downsamplingKeepsToneBelowTheNewNyquistFrequency() {
        short[] speech = Tones.sine(22050, 1000, 500, 0.5);
        short[] down = Resampler.resample(speech, 22050, 8000);
        assertThat(Goertzel.dominantFrequency(down, 8000, 50, 3900)).isCloseTo(1000, within(2.0));
        double ratio = Goertzel.rms(down, 400, 3200) / Goertzel.rms(speech, 1100, 8820);
        assertThat(ratio).isCloseTo(1.0, within(0.01));
    }

    @Test
    void loudSignalsAreClippedNotWrapped() {
        short[] square = new short[4000];
        for (int i = 0; i < square.length; i++) {
            square[i] = (i / 20) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
        }
        short[] up = Resampler.resample(square, 8000, 44100);
        // ringing overshoots full scale: clipping keeps the sign of every sample inside a plateau
        int checked = 0;
        for (int i = 200; i < up.length - 200; i++) {
            int source = (int) ((long) i * 8000 / 44100);
            boolean insidePlateau = source % 20 > 3 && source % 20 < 17;
            checked += insidePlateau ? 1 : 0;
            assertThat(!insidePlateau || Integer.signum(up[i]) == Integer.signum(square[source]))
                    .as("sign at output sample %d", i).isTrue();
        }
        assertThat(checked).isGreaterThan(10000);
    }
}
