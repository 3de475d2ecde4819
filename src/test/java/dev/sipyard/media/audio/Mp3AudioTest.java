package dev.sipyard.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.sipyard.media.audio.Mp3Frames.Channel;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Mp3AudioTest {
    private static final Channel TONE = new Channel(11, 200);
    /** The synthesis filter bank's delay: skip the first two frames when measuring. */
    private static final int SETTLED = 2 * Mp3Frames.SAMPLES_PER_FRAME;

    @Test
    void decodesEveryFrameAtTheStreamsRate() throws Exception {
        AudioClip clip = Mp3Audio.decode(Mp3Frames.mono(20, TONE), 1_000_000);

        assertThat(clip.sampleRate()).isEqualTo(44100);
        assertThat(clip.samples()).hasSize(20 * Mp3Frames.SAMPLES_PER_FRAME);
        assertThat(Spectrum.rms(clip.samples(), SETTLED, clip.samples().length - SETTLED)).isGreaterThan(1000);
        assertThat(Spectrum.dominantFrequency(clip.samples(), SETTLED, clip.samples().length - SETTLED, 44100, 50, 4000))
                .isCloseTo(459.4, within(5.0));
    }

    @Test
    void decodesAnEmptySpectrumToSilence() throws Exception {
        AudioClip clip = Mp3Audio.decode(Mp3Frames.mono(3, Channel.SILENT), 1_000_000);

        assertThat(clip.samples()).hasSize(3 * Mp3Frames.SAMPLES_PER_FRAME).containsOnly(0);
    }

    @Test
    void mixesStereoDownToMono() throws Exception {
        short[] mono = Mp3Audio.decode(Mp3Frames.mono(10, TONE), 1_000_000).samples();
        short[] leftOnly = Mp3Audio.decode(Mp3Frames.stereo(10, TONE, Channel.SILENT), 1_000_000).samples();
        short[] both = Mp3Audio.decode(Mp3Frames.stereo(10, TONE, TONE), 1_000_000).samples();

        int n = mono.length - SETTLED;
        assertThat(leftOnly).hasSize(mono.length);
        assertThat(Spectrum.rms(leftOnly, SETTLED, n) / Spectrum.rms(mono, SETTLED, n)).isCloseTo(0.5, within(0.01));
        assertThat(Spectrum.rms(both, SETTLED, n) / Spectrum.rms(mono, SETTLED, n)).isCloseTo(1.0, within(0.01));
    }

    @Test
    void skipsAnId3v2Tag() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        // ID3v2.3, no flags, synchsafe size 1 * 128 + 1 = 129 bytes of tag body.
        file.writeBytes(new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 1, 1});
        file.writeBytes(new byte[129]);
        file.writeBytes(Mp3Frames.mono(4, TONE));

        assertThat(Mp3Audio.decode(file.toByteArray(), 1_000_000).samples()).hasSize(4 * Mp3Frames.SAMPLES_PER_FRAME);
    }

    @Test
    void keepsTheWholeFramesOfAStreamThatBreaksOff() throws Exception {
        byte[] cut = Arrays.copyOf(Mp3Frames.mono(3, TONE), 1000);

        assertThat(Mp3Audio.decode(cut, 1_000_000).samples()).hasSize(2 * Mp3Frames.SAMPLES_PER_FRAME);
    }

    @Test
    void refusesAudioLongerThanTheLimit() {
        byte[] mp3 = Mp3Frames.mono(50, Channel.SILENT);

        assertThatThrownBy(() -> Mp3Audio.decode(mp3, 44100)).isInstanceOf(UnsupportedAudio.class)
                .hasMessage("audio longer than 1.0 s");
    }

    @Test
    void refusesWhatDoesNotStartWithAnMpegFrame() {
        assertRefused(new byte[0], "not an MP3 file (no MPEG frame at the start)");
        assertRefused("<html>not audio</html>".getBytes(), "not an MP3 file (no MPEG frame at the start)");
        assertRefused(new byte[] {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 10, 1, 2}, "not an MP3 file (no MPEG frame at the start)");
        byte[] reservedRate = Mp3Frames.mono(1, TONE);
        reservedRate[2] |= 0x0C;
        assertRefused(reservedRate, "not an MP3 file (no MPEG frame at the start)");
    }

    @Test
    void refusesAHeaderWithoutAWholeFrame() {
        byte[] mp3 = Mp3Frames.mono(1, TONE);

        assertRefused(Arrays.copyOf(mp3, 4), "not a valid MP3 file (no decodable frame)");
        assertRefused(Arrays.copyOf(mp3, 200), "not a valid MP3 file (no decodable frame)");
    }

    @Test
    void randomBytesBehindFrameHeadersGiveAudioOrUnsupportedAudioNeverAnotherException() {
        long seed = new Random().nextLong();
        System.out.println("Mp3AudioTest seed " + seed);
        Random random = new Random(seed);
        for (int round = 0; round < 30; round++) {
            byte[] bytes = new byte[20 * 417];
            random.nextBytes(bytes);
            for (int at = 0; at < bytes.length; at += 417) {
                bytes[at] = (byte) 0xFF;
                bytes[at + 1] = (byte) 0xFB;
                bytes[at + 2] = (byte) 0x90;
                bytes[at + 3] = (byte) (random.nextBoolean() ? 0xC0 : 0x00);
            }
            assertThatCode(() -> decodeOrRefuse(bytes)).as("seed %d round %d", seed, round).doesNotThrowAnyException();
        }
    }

    private static void decodeOrRefuse(byte[] bytes) {
        try {
            Mp3Audio.decode(bytes, 1_000_000);
        } catch (UnsupportedAudio expected) {
            // Either outcome is fine; anything else thrown fails the test.
        }
    }

    private static void assertRefused(byte[] mp3, String message) {
        assertThatThrownBy(() -> Mp3Audio.decode(mp3, 1_000_000)).isInstanceOf(UnsupportedAudio.class).hasMessage(message);
    }
}
