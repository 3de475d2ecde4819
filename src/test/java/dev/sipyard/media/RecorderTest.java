package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.audio.WavFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    private static final long MS = 1_000_000L;

    private static short[] frame(int value) {
        short[] f = new short[160];
        Arrays.fill(f, (short) value);
        return f;
    }

    @Test
    void packetsArePlacedByTimestampAndGapsBecomeSilence() {
        Recorder recorder = new Recorder(8000, 8000, 8000 * 10, 0);
        recorder.accept(7, 1000, frame(1000), 160, 0);
        recorder.accept(7, 1000 + 480, frame(3000), 160, 60 * MS); // two frames lost
        recorder.accept(7, 1000 + 160, frame(2000), 160, 61 * MS); // one arrives late

        AudioClip clip = recorder.stop().clip();

        assertThat(clip.samples()).hasSize(640);
        assertThat(clip.samples()[0]).isEqualTo((short) 1000);
        assertThat(clip.samples()[160]).isEqualTo((short) 2000);
        assertThat(clip.samples()[320]).isZero();
        assertThat(clip.samples()[639]).isEqualTo((short) 3000);
    }

    @Test
    void aNewSourceOrATimestampJumpContinuesAtTheEnd() {
        Recorder recorder = new Recorder(8000, 8000, 8000 * 10, 0);
        recorder.accept(7, 1000, frame(1000), 160, 0);
        recorder.accept(8, 999_999, frame(2000), 160, 20 * MS);
        recorder.accept(8, 999_999 + 8000 * 100, frame(3000), 160, 40 * MS); // 100 s ahead after 20 ms

        assertThat(recorder.stop().clip().samples()).hasSize(480);
    }

    @Test
    void itStopsByItselfAtItsLimit() {
        Recorder recorder = new Recorder(8000, 8000, 400, 0);
        assertThat(recorder.accept(7, 0, frame(1), 160, 0)).isTrue();
        assertThat(recorder.accept(7, 160, frame(1), 160, 20 * MS)).isTrue();
        assertThat(recorder.accept(7, 320, frame(1), 160, 40 * MS)).isFalse();

        assertThat(recorder.full()).isTrue();
        assertThat(recorder.recordedMillis()).isEqualTo(50);
        assertThat(recorder.stop().clip().samples()).hasSize(400);
    }

    @Test
    void trailingSilenceCountsQuietFramesAtTheEnd() {
        Recorder recorder = new Recorder(8000, 8000, 8000 * 10, System.nanoTime());
        long now = System.nanoTime();
        recorder.accept(7, 0, frame(5000), 160, now);
        for (int i = 1; i <= 50; i++) {
            recorder.accept(7, 160L * i, frame(20), 160, now);
        }

        assertThat(recorder.trailingSilenceMillis()).isGreaterThanOrEqualTo(1000);
        assertThat(recorder.recordedMillis()).isEqualTo(1020);
    }

    @Test
    void opusTimestampsAreAt48Kilohertz() {
        Recorder recorder = new Recorder(48_000, 48_000, 48_000 * 10, 0);
        recorder.accept(7, 0, new short[960], 960, 0);
        recorder.accept(7, 1920, new short[960], 960, 40 * MS);

        assertThat(recorder.stop().clip().samples()).hasSize(2880);
    }

    @Test
    void settledAudioMovesToTheSpoolFileAndComesBackWholeInTheWav(@TempDir Path dir) throws Exception {
        Path spool = dir.resolve("spool");
        Recorder recorder = new Recorder(8000, 8000, 8000 * 60, 0, spool);
        int frames = 250; // 5 s
        for (int i = 0; i < frames; i++) {
            recorder.accept(7, 160L * i, frame(i + 1), 160, i * 20 * MS);
        }
        // everything but the last second (the reordering window) and the block being filled is on disk
        assertThat(recorder.blocksInMemory()).isBetween(1, 3);
        // the spool file is unlinked as soon as it is open: nothing is left behind, even by a crash
        assertThat(spoolFiles(spool)).isEmpty();

        RecordedAudio audio = recorder.stop();
        short[] expected = new short[frames * 160];
        for (int i = 0; i < frames; i++) {
            Arrays.fill(expected, i * 160, (i + 1) * 160, (short) (i + 1));
        }
        assertThat(audio.clip().samples()).isEqualTo(expected);
        Path wav = dir.resolve("r.wav");
        audio.truncated(160).writeWav(wav);
        assertThat(WavFile.read(Files.readAllBytes(wav)).samples()).isEqualTo(Arrays.copyOf(expected, expected.length - 160));

        audio.close();
    }

    @Test
    void lostPacketsAreSilenceAlsoInBlocksReusedAfterTheSpool(@TempDir Path dir) throws Exception {
        Recorder recorder = new Recorder(8000, 8000, 8000 * 60, 0, dir.resolve("spool"));
        int frames = 400; // 8 s: blocks 3 to 7 are filled after earlier ones went to the spool file
        short[] expected = new short[frames * 160];
        for (int i = 0; i < frames; i++) {
            if (i % 7 == 3) {
                continue; // lost
            }
            recorder.accept(7, 160L * i, frame(i + 1), 160, i * 20 * MS);
            Arrays.fill(expected, i * 160, (i + 1) * 160, (short) (i + 1));
        }
        try (RecordedAudio audio = recorder.stop()) {
            assertThat(audio.clip().samples()).isEqualTo(expected);
        }
    }

    @Test
    void withoutASpoolFolderEverythingStaysInMemory() {
        Recorder recorder = new Recorder(8000, 8000, 8000 * 60, 0, null);
        for (int i = 0; i < 150; i++) {
            recorder.accept(7, 160L * i, frame(9), 160, i * 20 * MS);
        }
        assertThat(recorder.blocksInMemory()).isEqualTo(3);
        try (RecordedAudio audio = recorder.stop()) {
            assertThat(audio.clip().samples()).hasSize(150 * 160).containsOnly((short) 9);
        }
    }

    private static Path[] spoolFiles(Path spool) throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toArray(Path[]::new);
        }
    }
}
