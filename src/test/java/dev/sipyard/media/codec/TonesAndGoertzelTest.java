package dev.sipyard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TonesAndGoertzelTest {
    private static final String DIGITS = "123A456B789C*0#D";
    private static final double[] ROWS = {697, 770, 852, 941};
    private static final double[] COLUMNS = {1209, 1336, 1477, 1633};

    @Test
    void sineHasTheLengthPeakAndFrequencyAskedFor() {
        short[] s = Tones.sine(8000, 440, 250, 0.5);
        assertThat(s).hasSize(2000);
        assertThat(s[0]).isZero();
        assertThat(Goertzel.rms(s, 0, s.length)).isCloseTo(0.5 * 32767 / Math.sqrt(2), within(20.0));
        assertThat(Goertzel.dominantFrequency(s, 8000, 100, 3900)).isCloseTo(440, within(0.5));
        assertThat(Goertzel.power(s, 0, s.length, 8000, 440)).isCloseTo(0.125, within(0.002));
        assertThat(Goertzel.power(s, 0, s.length, 8000, 1000)).isLessThan(1e-6);
    }

    @Test
    void everyDtmfDigitIsItsQ23FrequencyPair() {
        for (int key = 0; key < DIGITS.length(); key++) {
            char digit = DIGITS.charAt(key);
            short[] tone = Tones.dtmf(8000, digit, 100);
            assertThat(tone).hasSize(800);
            double row = strongest(tone, ROWS);
            double column = strongest(tone, COLUMNS);
            assertThat(row).as("row of %s", digit).isEqualTo(ROWS[key / 4]);
            assertThat(column).as("column of %s", digit).isEqualTo(COLUMNS[key % 4]);
            assertThat(Goertzel.power(tone, 0, tone.length, 8000, row)).isCloseTo(0.03125, within(0.003));
        }
        assertThat(Tones.dtmf(8000, 'a', 40)).containsExactly(Tones.dtmf(8000, 'A', 40));
    }

    @Test
    void dtmfRefusesOtherCharacters() {
        assertThatThrownBy(() -> Tones.dtmf(8000, 'x', 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tones.dtmf(8000, 'w', 100)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void beepIsAQuarterSecondAtOneKilohertz() {
        short[] beep = Tones.beep(48000);
        assertThat(beep).hasSize(12000);
        assertThat(Goertzel.dominantFrequency(beep, 48000, 100, 20000)).isCloseTo(1000, within(1.0));
    }

    @Test
    void dominantFrequencyFindsTheLouderOfTwoTones() {
        short[] a = Tones.sine(16000, 2500, 2000, 0.2);
        short[] b = Tones.sine(16000, 300, 2000, 0.4);
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        assertThat(Goertzel.dominantFrequency(a, 16000, 50, 7000)).isCloseTo(300, within(0.5));
        assertThat(Goertzel.dominantFrequency(a, 16000, 1000, 7000)).isCloseTo(2500, within(0.5));
    }

    @Test
    void measuresOfEmptyAndSilentSignalsAreZero() {
        assertThat(Goertzel.rms(new short[0], 0, 0)).isZero();
        assertThat(Goertzel.rms(new short[100], 0, 100)).isZero();
        assertThat(Goertzel.power(new short[100], 0, 100, 8000, 1000)).isZero();
        assertThat(Goertzel.dominantFrequency(new short[0], 8000, 100, 1000)).isZero();
        assertThat(Goertzel.rms(new short[] {3, -4, 3, -4}, 1, 2)).isCloseTo(Math.sqrt(12.5), within(1e-9));
    }

    private static double strongest(short[] tone, double[] candidates) {
        double best = 0;
        double bestPower = -1;
        for (double f : candidates) {
            double p = Goertzel.power(tone, 0, tone.length, 8000, f);
            if (p > bestPower) {
                bestPower = p;
                best = f;
            }
        }
        return best;
    }
}
