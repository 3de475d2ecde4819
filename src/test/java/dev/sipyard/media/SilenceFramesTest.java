package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import dev.sipyard.media.codec.Goertzel;
import org.junit.jupiter.api.Test;

class SilenceFramesTest {

    @Test
    void g711SilenceIsOneFrameOfTheZeroCode() {
        assertThat(SilenceFrames.of("PCMU")).hasSize(160).containsOnly((byte) 0xFF);
        assertThat(SilenceFrames.of("PCMA")).hasSize(160).containsOnly((byte) 0xD5);
        assertThat(SilenceFrames.of("pcmu")).isSameAs(SilenceFrames.of("PCMU"));
    }

    @Test
    void theOpusSilencePacketDecodesToSilenceHoweverOftenItIsRepeated() {
        byte[] silence = SilenceFrames.of("OPUS");
        AudioCodec decoder = Codecs.create("OPUS");
        double loudest = 0;
        for (int i = 0; i < 100; i++) {
            short[] pcm = decoder.decode(silence, 0, silence.length);
            assertThat(pcm).hasSize(960);
            loudest = Math.max(loudest, Goertzel.rms(pcm, 0, pcm.length));
        }

        assertThat(loudest).isLessThan(10);
    }
}
