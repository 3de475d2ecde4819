package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
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
            encoder.offer(Arrays.copyOfRange(audio, at, Math.min(audio.length, at + 7)), pcmu);
        }

        for (int f = 0; f < 3; f++) {
            assertThat(buffer.read()).as("frame %d", f)
                    .containsExactly(pcmu.encode(Arrays.copyOfRange(audio, f * 160, (f + 1) * 160)));
        }
        assertThat(buffer.read()).isNull();
    }

    @Test
    void aNewCodecStartsAFreshFrame() {
        AudioCodec pcma = Codecs.create("PCMA");
        BridgeEncoder encoder = new BridgeEncoder(Runnable::run, buffer);
        buffer.reset(pcmu);
        encoder.offer(ramp(0, 100), pcmu);
        buffer.reset(pcma);
        short[] next = ramp(100, 320);
        encoder.offer(next, pcma);

        assertThat(buffer.read()).containsExactly(pcma.encode(Arrays.copyOfRange(next, 0, 160)));
        assertThat(buffer.read()).containsExactly(pcma.encode(Arrays.copyOfRange(next, 160, 320)));
    }

    @Test
    void whenTheWorkersAreBehindTheOldestChunksAreDropped() {
        buffer.reset(pcmu);
        BridgeEncoder encoder = new BridgeEncoder(worker, buffer);
        for (int i = 0; i < BridgeEncoder.MAX_WAITING + 2; i++) {
            encoder.offer(ramp(i * 160, 160), pcmu);
        }
        assertThat(tasks).as("one task per stream however much waits").hasSize(1);

        runWorker();

        assertThat(encoder.dropped()).isEqualTo(2);
        assertThat(buffer.read()).containsExactly(pcmu.encode(ramp(2 * 160, 160)));
        encoder.offer(ramp(0, 160), pcmu);
        assertThat(tasks).as("scheduled again once drained").hasSize(1);
    }
}
