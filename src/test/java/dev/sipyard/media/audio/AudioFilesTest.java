package dev.sipyard.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AudioFilesTest {
    @Test
    void recognisesWavWhateverTheContentType() throws Exception {
        byte[] wav = WavFile.write(new AudioClip(8000, new short[] {1, 2, 3}));

        assertThat(AudioFiles.decode(wav, "application/octet-stream", 100).samples()).containsExactly(1, 2, 3);
        assertThat(AudioFiles.decode(wav, null, 100).samples()).containsExactly(1, 2, 3);
    }

    @Test
    void recognisesMp3ByFrameSyncOrId3Tag() throws Exception {
        byte[] mp3 = Mp3Frames.mono(2, Mp3Frames.Channel.SILENT);
        byte[] tagged = new byte[10 + mp3.length];
        System.arraycopy(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}, 0, tagged, 0, 10);
        System.arraycopy(mp3, 0, tagged, 10, mp3.length);

        assertThat(AudioFiles.decode(mp3, "audio/mpeg", 1_000_000).sampleRate()).isEqualTo(44100);
        assertThat(AudioFiles.decode(tagged, "text/plain", 1_000_000).samples()).hasSize(2304);
    }

    @Test
    void passesTheSampleLimitOn() {
        byte[] wav = WavFile.write(new AudioClip(8000, new short[16001]));

        assertThatThrownBy(() -> AudioFiles.decode(wav, "audio/wav", 16000)).isInstanceOf(UnsupportedAudio.class)
                .hasMessage("audio longer than 2.0 s");
    }

    @Test
    void namesWhatItGotWhenItIsNotAudio() {
        byte[] html = "<!doctype html><p>Not found</p>".getBytes(StandardCharsets.UTF_8);

        assertRefused(html, "text/html; charset=utf-8", "not audio (text/html)");
        assertRefused(html, null, "not audio (unrecognised 31 bytes)");
        assertRefused(html, "bad\ntype", "not audio (unrecognised 31 bytes)");
        assertRefused(new byte[0], " ", "not audio (empty)");
    }

    @Test
    void reportsABrokenWavAsWav() {
        byte[] riffOnly = {'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E'};

        assertRefused(riffOnly, "audio/wav", "WAV file without a fmt chunk");
    }

    private static void assertRefused(byte[] bytes, String contentType, String message) {
        assertThatThrownBy(() -> AudioFiles.decode(bytes, contentType, 1000)).isInstanceOf(UnsupportedAudio.class)
                .hasMessage(message);
    }
}
