package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BridgeBufferTest {
    private final BridgeBuffer buffer = new BridgeBuffer();
    private final short[] frame = new short[4];

    private static short[] chunk(int value, int length) {
        short[] s = new short[length];
        Arrays.fill(s, (short) value);
        return s;
    }

    @Test
    void playingStartsAfterThePrefillAndRestartsAfterRunningDry() {
        buffer.reset(4);
        buffer.write(chunk(1, 4), 0, 4);
        assertThat(buffer.read(frame)).isFalse();
        buffer.write(chunk(2, 4), 0, 4);

        assertThat(buffer.read(frame)).isTrue();
        assertThat(frame).containsOnly((short) 1);
        assertThat(buffer.read(frame)).isTrue();
        assertThat(frame).containsOnly((short) 2);
        assertThat(buffer.read(frame)).isFalse();
        buffer.write(chunk(3, 4), 0, 4);
        assertThat(buffer.read(frame)).isFalse(); // prefilling again
    }

    @Test
    void chunksOfAnySizeComeOutAsFramesInOrder() {
        buffer.reset(4);
        for (int i = 0; i < 5; i++) {
            buffer.write(new short[] {(short) (3 * i), (short) (3 * i + 1), (short) (3 * i + 2)}, 0, 3);
        }
        short[] out = new short[12];
        for (int f = 0; f < 3; f++) {
            assertThat(buffer.read(frame)).isTrue();
            System.arraycopy(frame, 0, out, 4 * f, 4);
        }
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void overflowDropsTheOldestSamples() {
        buffer.reset(4);
        for (int i = 0; i < BridgeBuffer.MAX_FRAMES + 2; i++) {
            buffer.write(chunk(i, 4), 0, 4);
        }

        assertThat(buffer.overflowSamples()).isEqualTo(8);
        assertThat(buffer.read(frame)).isTrue();
        assertThat(frame).containsOnly((short) 2);
    }

    @Test
    void framesOfAnotherSizeAreNotServed() {
        buffer.reset(4);
        buffer.write(chunk(1, 12), 0, 12);

        assertThat(buffer.read(new short[3])).isFalse();
    }
}
