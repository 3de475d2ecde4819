package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAV writer, reader and measurements the baresip call test relies on. */
class ToneAnalysisTest {

    @Test
    void aWrittenToneReadsBackAtItsFrequencyAndLevel(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.wav");
        ToneAnalysis.writeSine(f, 1000, 8000, 1);
        ToneAnalysis.Pcm pcm = ToneAnalysis.read(f);
        assertThat(pcm.sampleRate()).isEqualTo(8000);
        assertThat(pcm.samples()).hasSize(8000);
        assertThat(ToneAnalysis.rms(pcm.samples())).isBetween(11500.0, 11700.0);
        assertThat(ToneAnalysis.dominantFrequency(pcm.samples(), 8000)).isEqualTo(1000.0);
    }

    @Test
    void anotherToneIsNotTakenForTheTestTone(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.wav");
        ToneAnalysis.writeSine(f, 440, 8000, 1);
        assertThat(ToneAnalysis.dominantFrequency(ToneAnalysis.read(f).samples(), 8000)).isBetween(430.0, 450.0);
    }

    @Test
    void silenceHasNoLevelAndGarbageIsRefused(@TempDir Path dir) throws Exception {
        assertThat(ToneAnalysis.rms(new short[800])).isZero();
        Path junk = dir.resolve("junk.wav");
        Files.writeString(junk, "not a wave file at all");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ToneAnalysis.read(junk))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("RIFF");
    }
}
