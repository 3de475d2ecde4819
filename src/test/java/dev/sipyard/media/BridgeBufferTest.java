package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import org.junit.jupiter.api.Test;

class BridgeBufferTest {
    private final BridgeBuffer buffer = new BridgeBuffer();
    private final AudioCodec pcmu = Codecs.create("PCMU");

    private static byte[] payload(int value) {
        return new byte[] {(byte) value};
    }

    @Test
    void sendingStartsAfterThePrefillAndRestartsAfterRunningDry() {
        buffer.reset(pcmu);
        buffer.write(pcmu, payload(1));
        assertThat(buffer.read()).isNull();
        buffer.write(pcmu, payload(2));

        assertThat(buffer.read()).containsExactly(1);
        assertThat(buffer.read()).containsExactly(2);
        assertThat(buffer.read()).isNull();
        buffer.write(pcmu, payload(3));
        assertThat(buffer.read()).isNull(); // prefilling again
        buffer.write(pcmu, payload(4));
        assertThat(buffer.read()).containsExactly(3);
    }

    @Test
    void overflowDropsTheOldestPayloads() {
        buffer.reset(pcmu);
        for (int i = 0; i < BridgeBuffer.MAX_FRAMES + 2; i++) {
            buffer.write(pcmu, payload(i));
        }

        assertThat(buffer.overflowFrames()).isEqualTo(2);
        assertThat(buffer.read()).containsExactly(2);
    }

    @Test
    void payloadsOfAnEncoderTheStreamNoLongerUsesAreNotSent() {
        AudioCodec pcma = Codecs.create("PCMA");
        buffer.reset(pcmu);
        buffer.write(pcmu, payload(1));
        buffer.write(pcmu, payload(2));
        buffer.reset(pcma);
        buffer.write(pcmu, payload(3)); // encoded just before the change
        buffer.write(pcma, payload(4));
        buffer.write(pcma, payload(5));

        assertThat(buffer.read()).containsExactly(4);
        assertThat(buffer.read()).containsExactly(5);
        assertThat(buffer.read()).isNull();
    }
}
