package dev.sipyard.media.audio;

import static dev.sipyard.media.audio.WavBytes.float32;
import static dev.sipyard.media.audio.WavBytes.float64;
import static dev.sipyard.media.audio.WavBytes.le16;
import static dev.sipyard.media.audio.WavBytes.le24;
import static dev.sipyard.media.audio.WavBytes.le32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest {
    private static final int PCM = 1;
    private static final int FLOAT = 3;
    private static final int ALAW = 6;
    private static final int MULAW = 7;

    @Test
    void writesA44ByteHeaderAndReadsBackTheSameSamples() throws Exception {
        short[] samples = {0, 1, -1, 12345, -12345, Short.MAX_VALUE, Short.MIN_VALUE};
        byte[] wav = WavFile.write(new AudioClip(16000, samples));

        assertThat(wav).hasSize(44 + samples.length * 2);
        assertThat(Arrays.copyOfRange(wav, 0, 4)).asString().isEqualTo("RIFF");
        assertThat(Arrays.copyOfRange(wav, 36, 40)).asString().isEqualTo("data");
        AudioClip back = WavFile.read(wav);
        assertThat(back.sampleRate()).isEqualTo(16000);
        assertThat(back.samples()).containsExactly(samples);
    }

    @Test
    void writesToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("clip.wav");
        WavFile.write(new AudioClip(8000, new short[] {7, -7}), file);

        assertThat(WavFile.read(Files.readAllBytes(file)).samples()).containsExactly(7, -7);
    }

    @Test
    void readsUnsignedEightBitPcm() throws Exception {
        byte[] data = {(byte) 0x80, (byte) 0xFF, 0x00, (byte) 0x90};
        AudioClip clip = WavFile.read(WavBytes.simple(PCM, 1, 11025, 8, data));

        assertThat(clip.sampleRate()).isEqualTo(11025);
        assertThat(clip.samples()).containsExactly(0, 127 << 8, -32768, 16 << 8);
    }

    @Test
    void readsSixteenBitPcm() throws Exception {
        AudioClip clip = WavFile.read(WavBytes.simple(PCM, 1, 8000, 16, le16(1, -2, 32767, -32768)));

        assertThat(clip.samples()).containsExactly(1, -2, 32767, -32768);
    }

    @Test
    void readsTwentyFourBitPcmKeepingTheTopSixteenBits() throws Exception {
        AudioClip clip = WavFile.read(WavBytes.simple(PCM, 1, 48000, 24, le24(0x123456, -0x123456, 0x7FFFFF, 0xFF)));

        assertThat(clip.samples()).containsExactly(0x1234, (short) (-0x123456 >> 8), 0x7FFF, 0);
    }

    @Test
    void readsThirtyTwoBitPcmKeepingTheTopSixteenBits() throws Exception {
        AudioClip clip = WavFile.read(WavBytes.simple(PCM, 1, 48000, 32, le32(0x12345678, Integer.MIN_VALUE, -1)));

        assertThat(clip.samples()).containsExactly(0x1234, -32768, -1);
    }

    @Test
    void readsFloatClampingOutOfRangeValuesAndNan() throws Exception {
        AudioClip clip = WavFile.read(WavBytes.simple(FLOAT, 1, 44100, 32,
                float32(0.5f, -1.0f, 2.0f, -3.0f, Float.NaN, 0f)));

        assertThat(clip.samples()).containsExactly(16384, -32768, 32767, -32768, 0, 0);
    }

    @Test
    void readsDoubleFloat() throws Exception {
        AudioClip clip = WavFile.read(WavBytes.simple(FLOAT, 1, 44100, 64, float64(0.25, -0.25)));

        assertThat(clip.samples()).containsExactly(8192, -8192);
    }

    @Test
    void readsMuLaw() throws Exception {
        byte[] data = {(byte) 0xFF, (byte) 0x80, 0x00, (byte) 0xF0, 0x70};
        AudioClip clip = WavFile.read(WavBytes.simple(MULAW, 1, 8000, 8, data));

        // 0xF0/0x70: segment 0, step 15, i.e. +-(15 * 8 + 132 - 132) per G.711.
        assertThat(clip.samples()).containsExactly(0, 32124, -32124, 120, -120);
    }

    @Test
    void readsALaw() throws Exception {
        byte[] data = {(byte) 0xD5, 0x55, (byte) 0xAA, 0x2A, (byte) 0xC5};
        AudioClip clip = WavFile.read(WavBytes.simple(ALAW, 1, 8000, 8, data));

        // 0xC5 ^ 0x55 = 0x90: positive, segment 1, step 0, i.e. 0x108 per G.711.
        assertThat(clip.samples()).containsExactly(8, -8, 32256, -32256, 264);
    }

    @Test
    void mixesStereoDownToMono() throws Exception {
        AudioClip clip = WavFile.read(WavBytes.simple(PCM, 2, 8000, 16, le16(1000, 3000, -32768, -32768, 100, -100)));

        assertThat(clip.samples()).containsExactly(2000, -32768, 0);
    }

    @Test
    void mixesSixChannelsDownToMono() throws Exception {
        AudioClip clip = WavFile.read(WavBytes.simple(PCM, 6, 48000, 16, le16(600, 0, 0, 0, 0, 0)));

        assertThat(clip.samples()).containsExactly(100);
    }

    @Test
    void readsExtensiblePcmAndFloat() throws Exception {
        byte[] pcm = WavBytes.riff().extensible(PCM, 2, 8000, 16, WavBytes.SUBTYPE_TAIL)
                .chunk("data", le16(10, 20)).bytes();
        byte[] flt = WavBytes.riff().extensible(FLOAT, 1, 8000, 32, WavBytes.SUBTYPE_TAIL)
                .chunk("data", float32(0.5f)).bytes();

        assertThat(WavFile.read(pcm).samples()).containsExactly(15);
        assertThat(WavFile.read(flt).samples()).containsExactly(16384);
    }

    @Test
    void refusesAnExtensibleSubtypeThatIsNotAStandardGuid() {
        byte[] tail = WavBytes.SUBTYPE_TAIL.clone();
        tail[13] = 0;
        byte[] wav = WavBytes.riff().extensible(PCM, 1, 8000, 16, tail).chunk("data", le16(1)).bytes();

        assertThatThrownBy(() -> WavFile.read(wav)).isInstanceOf(UnsupportedAudio.class)
                .hasMessage("WAV extensible format with an unknown subtype");
    }

    @Test
    void skipsOtherChunksIncludingOddSizedOnesBeforeAndBetween() throws Exception {
        byte[] wav = WavBytes.riff().chunk("LIST", new byte[] {1, 2, 3}).fmt(PCM, 1, 8000, 16)
                .chunk("fact", new byte[] {9}).chunk("data", le16(42)).bytes();

        assertThat(WavFile.read(wav).samples()).containsExactly(42);
    }

    @Test
    void cutsADataChunkThatClaimsMoreThanIsPresentToTheWholeFramesPresent() throws Exception {
        byte[] present = Arrays.copyOf(le16(1, 2, 3, 4), 7);
        byte[] wav = WavBytes.riff().fmt(PCM, 2, 8000, 16).chunkClaiming("data", 0x7FFFF000L, present).bytes();

        assertThat(WavFile.read(wav).samples()).containsExactly(1);
    }

    @Test
    void refusesAudioLongerThanTheLimitBeforeDecodingIt() {
        byte[] wav = WavBytes.simple(PCM, 1, 8000, 16, new byte[2 * 8001]);

        assertThatThrownBy(() -> WavFile.read(wav, 8000)).isInstanceOf(UnsupportedAudio.class)
                .hasMessage("audio longer than 1.0 s");
    }

    @Test
    void refusesWhatIsNotAWavFile() {
        assertRefused(new byte[0], "not a WAV file (no RIFF/WAVE header)");
        assertRefused("hello, world".getBytes(), "not a WAV file (no RIFF/WAVE header)");
        assertRefused(Arrays.copyOf(WavBytes.riff().bytes(), 11), "not a WAV file (no RIFF/WAVE header)");
        byte[] avi = WavBytes.riff().bytes();
        avi[8] = 'A';
        assertRefused(avi, "not a WAV file (no RIFF/WAVE header)");
    }

    @Test
    void refusesBrokenStructure() {
        assertRefused(WavBytes.riff().bytes(), "WAV file without a fmt chunk");
        assertRefused(WavBytes.riff().fmt(PCM, 1, 8000, 16).bytes(), "WAV file without a data chunk");
        assertRefused(WavBytes.riff().chunk("data", le16(1)).fmt(PCM, 1, 8000, 16).bytes(),
                "WAV data chunk before its fmt chunk");
        assertRefused(WavBytes.riff().chunkClaiming("fmt ", 16, new byte[8]).bytes(),
                "truncated WAV file (chunk 'fmt ' runs past the end)");
        assertRefused(WavBytes.riff().chunkClaiming("\u0001bad", 1000, new byte[2]).bytes(),
                "truncated WAV file (chunk '?bad' runs past the end)");
        assertRefused(WavBytes.riff().chunk("fmt ", new byte[14]).chunk("data", le16(1)).bytes(),
                "WAV fmt chunk too short (14 bytes)");
    }

    @Test
    void refusesUnsupportedOrInconsistentFormats() {
        assertRefused(WavBytes.simple(PCM, 0, 8000, 16, le16(1)), "WAV with 0 channels is not supported");
        assertRefused(WavBytes.simple(PCM, 1, 0, 16, le16(1)), "WAV sample rate 0 Hz is not supported");
        assertRefused(WavBytes.simple(PCM, 1, 8000, 12, le16(1)), "WAV PCM with 12 bits per sample is not supported");
        assertRefused(WavBytes.simple(FLOAT, 1, 8000, 16, le16(1)),
                "WAV IEEE float with 16 bits per sample is not supported");
        assertRefused(WavBytes.simple(MULAW, 1, 8000, 16, le16(1)),
                "WAV mu-law with 16 bits per sample is not supported");
        assertRefused(WavBytes.simple(2, 1, 8000, 4, new byte[2]), "WAV format 2 with 4 bits per sample is not supported");
        assertRefused(WavBytes.riff().fmtWithBlockAlign(PCM, 2, 8000, 16, 2).chunk("data", le16(1)).bytes(),
                "odd WAV header: block align 2 for 2 channels of 16 bits");
    }

    private static void assertRefused(byte[] wav, String message) {
        assertThatThrownBy(() -> WavFile.read(wav)).isInstanceOf(UnsupportedAudio.class).hasMessage(message);
    }
}
