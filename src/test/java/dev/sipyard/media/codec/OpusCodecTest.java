package dev.sipyard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpusCodecTest {
    @Test
    void aSineSurvivesEncodingAndDecodingWithItsFrequencyAndEnergy() {
        AudioCodec encoder = Codecs.create("OPUS");
        AudioCodec decoder = Codecs.create("OPUS");
        short[] input = Tones.sine(48000, 440, 1000, 0.5);
        short[] output = new short[input.length];
        int frame = encoder.frameSamples();
        for (int at = 0; at < input.length; at += frame) {
            byte[] packet = encoder.encode(Arrays.copyOfRange(input, at, at + frame));
            assertThat(packet.length).isBetween(1, 1275);
            short[] decoded = decoder.decode(packet, 0, packet.length);
            assertThat(decoded).hasSize(frame);
            System.arraycopy(decoded, 0, output, at, frame);
        }
        // skip the codec's start-up (look-ahead and the first frames' adaptation)
        short[] settled = Arrays.copyOfRange(output, 9600, output.length);
        short[] reference = Arrays.copyOfRange(input, 9600, input.length);
        assertThat(Goertzel.dominantFrequency(settled, 48000, 100, 4000)).isCloseTo(440, within(3.0));
        double inRms = Goertzel.rms(reference, 0, reference.length);
        double outRms = Goertzel.rms(settled, 0, settled.length);
        assertThat(outRms / inRms).isBetween(0.8, 1.2);
        double tone = Goertzel.power(settled, 0, settled.length, 48000, 440);
        double total = outRms * outRms / (32768.0 * 32768.0);
        assertThat(tone / total).as("share of the energy at 440 Hz").isGreaterThan(0.9);
    }

    @Test
    void aLostPacketIsConcealedWithAFadingContinuation() {
        AudioCodec encoder = Codecs.create("OPUS");
        AudioCodec decoder = Codecs.create("OPUS");
        short[] tone = Tones.sine(48000, 440, 400, 0.5);
        for (int at = 0; at < tone.length; at += 960) {
            byte[] packet = encoder.encode(Arrays.copyOfRange(tone, at, at + 960));
            decoder.decode(packet, 0, packet.length);
        }
        short[] concealed = decoder.decode(new byte[0], 0, 0);
        assertThat(concealed).hasSize(960);
        assertThat(Goertzel.rms(concealed, 0, concealed.length)).as("not silence").isGreaterThan(1000);
    }

    @Test
    void theEndOfTheAudioComesOutOnlyAfterTheLookahead() {
        AudioCodec encoder = Codecs.create("OPUS");
        AudioCodec decoder = Codecs.create("OPUS");
        int lookahead = encoder.lookaheadSamples();
        assertThat(lookahead).isBetween(1, 959);
        assertThat(Codecs.create("PCMU").lookaheadSamples()).isZero();
        short[] tone = Tones.sine(48000, 440, 100, 0.5); // five frames, then silence
        short[] out = new short[6 * 960];
        for (int f = 0; f < 6; f++) {
            short[] frame = f < 5 ? Arrays.copyOfRange(tone, f * 960, (f + 1) * 960) : new short[960];
            byte[] packet = encoder.encode(frame);
            System.arraycopy(decoder.decode(packet, 0, packet.length), 0, out, f * 960, 960);
        }
        // the frame after the tone still carries its last `lookahead` samples, then (nearly) silence
        double tail = Goertzel.rms(out, 5 * 960, lookahead - 40);
        assertThat(tail).as("the tone's tail").isGreaterThan(5_000);
        assertThat(Goertzel.rms(out, 5 * 960 + lookahead + 40, 960 - lookahead - 40)).isLessThan(tail / 5);
    }

    @Test
    void shortInputIsPaddedToAFrame() {
        AudioCodec opus = Codecs.create("OPUS");
        byte[] packet = opus.encode(new short[100]);
        assertThat(packet).isNotEmpty();
        assertThat(Codecs.create("OPUS").decode(packet, 0, packet.length)).hasSize(960);
    }

    @Test
    void garbagePayloadsDecodeToAFrameWithoutThrowing() {
        long seed = Long.getLong("opus.garbage.seed", System.nanoTime());
        System.out.println("OpusCodecTest garbage seed " + seed + " (replay: -Dopus.garbage.seed=" + seed + ")");
        assertGarbageDecodesToFrames(seed);
    }

    /** A seed that made the decoder's concealment throw concentus's AssertionError (CI, 2026-12-04). */
    @Test
    void garbageThatBrokeTheConcealmentDecodesToFrames() {
        assertGarbageDecodesToFrames(32139244384140L);
    }

    private static void assertGarbageDecodesToFrames(long seed) {
        Random random = new Random(seed);
        AudioCodec opus = Codecs.create("OPUS");
        for (int i = 0; i < 500; i++) {
            byte[] garbage = new byte[random.nextInt(300)];
            random.nextBytes(garbage);
            short[] decoded = opus.decode(garbage, 0, garbage.length);
            assertThat(decoded.length).as("seed %d case %d", seed, i).isBetween(1, 48000 * 120 / 1000);
        }
        assertThat(opus.decode(new byte[0], 0, 0)).hasSize(960);
        assertThat(opus.decode(null, 0, 0)).hasSize(960);
        assertThat(opus.decode(new byte[10], 5, 50)).hasSize(960);
    }
}
