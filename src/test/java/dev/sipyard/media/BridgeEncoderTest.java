package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import dev.sipyard.media.codec.Goertzel;
import dev.sipyard.media.codec.Tones;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class BridgeEncoderTest {
    private final BridgeBuffer buffer = new BridgeBuffer();
    private final AudioCodec pcmu = Codecs.create("PCMU");
    private final List<Runnable> tasks = new ArrayList<>();
    /** A worker that runs only when the test says so. */
    private final Executor worker = tasks::add;

    private void runWorker() {
        while (!tasks.isEmpty()) {
            tasks.remove(0).run();
        }
    }

    private static short[] ramp(int from, int length) {
        short[] s = new short[length];
        for (int i = 0; i < length; i++) {
            s[i] = (short) ((from + i) * 20);
        }
        return s;
    }

    @Test
    void chunksOfAnyLengthBecomeFramesEncodedInOrder() {
        buffer.reset(pcmu);
        BridgeEncoder encoder = new BridgeEncoder(Runnable::run, buffer);
        short[] audio = ramp(0, 3 * 160);
        for (int at = 0; at < audio.length; at += 7) {
            encoder.offer(Arrays.copyOfRange(audio, at, Math.min(audio.length, at + 7)), 8000, pcmu);
        }

        for (int f = 0; f < 3; f++) {
            assertThat(buffer.read()).as("frame %d", f)
                    .containsExactly(pcmu.encode(Arrays.copyOfRange(audio, f * 160, (f + 1) * 160)));
        }
        assertThat(buffer.read()).isNull();
    }

    @Test
    void audioAtAnotherRateIsConvertedWithOneChunkOfDelay() {
        buffer.reset(pcmu);
        BridgeEncoder encoder = new BridgeEncoder(Runnable::run, buffer);
        short[] tone = Tones.sine(16_000, 1000, 120, 0.5); // six chunks: five frames, the buffer keeps six
        for (int at = 0; at < tone.length; at += 320) {
            encoder.offer(Arrays.copyOfRange(tone, at, at + 320), 16_000, pcmu);
        }

        List<short[]> frames = new ArrayList<>();
        byte[] payload;
        while ((payload = buffer.read()) != null) {
            frames.add(pcmu.decode(payload, 0, payload.length));
        }
        assertThat(frames).hasSize(5).allMatch(f -> f.length == 160);
        short[] heard = MediaFixtures.concat(frames);
        assertThat(Goertzel.dominantFrequency(heard, 8000, 300, 3400)).isCloseTo(1000, within(10.0));
    }

    @Test
    void aNewCodecStartsAFreshFrame() {
        AudioCodec pcma = Codecs.create("PCMA");
        BridgeEncoder encoder = new BridgeEncoder(Runnable::run, buffer);
        buffer.reset(pcmu);
        encoder.offer(ramp(0, 100), 8000, pcmu);
        buffer.reset(pcma);
        short[] next = ramp(100, 320);
        encoder.offer(next, 8000, pcma);

        assertThat(buffer.read()).containsExactly(pcma.encode(Arrays.copyOfRange(next, 0, 160)));
        assertThat(buffer.read()).containsExactly(pcma.encode(Arrays.copyOfRange(next, 160, 320)));
    }

    @Test
    void whenTheWorkersAreBehindTheOldestChunksAreDropped() {
        buffer.reset(pcmu);
        BridgeEncoder encoder = new BridgeEncoder(worker, buffer);
        for (int i = 0; i < BridgeEncoder.MAX_WAITING + 2; i++) {
            encoder.offer(ramp(i * 160, 160), 8000, pcmu);
        }
        assertThat(tasks).as("one task per stream however much waits").hasSize(1);

        runWorker();

        assertThat(encoder.dropped()).isEqualTo(2);
        assertThat(buffer.read()).containsExactly(pcmu.encode(ramp(2 * 160, 160)));
        encoder.offer(ramp(0, 160), 8000, pcmu);
        assertThat(tasks).as("scheduled again once drained").hasSize(1);
    }
}
