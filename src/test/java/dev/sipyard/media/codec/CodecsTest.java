package dev.sipyard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodecsTest {
    @Test
    void createsTheThreeCodecsByNameIgnoringCase() {
        assertThat(Codecs.create("pcmu").name()).isEqualTo("PCMU");
        assertThat(Codecs.create("PCMA").name()).isEqualTo("PCMA");
        assertThat(Codecs.create("Opus").name()).isEqualTo("OPUS");
        assertThat(Codecs.create("OPUS@48000H@20I").name()).isEqualTo("OPUS");
        assertThat(Codecs.create("opus@16000h@20i").name()).isEqualTo("OPUS");
    }

    @Test
    void refusesOtherCodecs() {
        for (String name : new String[] {"G722", "G729", "VP8", "", "OPUSX", "PCM"}) {
            assertThat(Codecs.supported(name)).as(name).isFalse();
            assertThatThrownBy(() -> Codecs.create(name)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Codecs.supported(null)).isFalse();
        assertThat(Codecs.supported(" pcmu ")).isTrue();
    }

    @Test
    void staticPayloadTypesFollowRfc3551() {
        assertThat(Codecs.staticPayloadType("PCMU")).isZero();
        assertThat(Codecs.staticPayloadType("pcma")).isEqualTo(8);
        assertThat(Codecs.staticPayloadType("OPUS")).isEqualTo(-1);
        assertThat(Codecs.staticPayloadType("G729")).isEqualTo(-1);
    }

    @Test
    void ratesAndFramesAreTwentyMilliseconds() {
        AudioCodec pcmu = Codecs.create("PCMU");
        assertThat(pcmu.payloadSampleRate()).isEqualTo(8000);
        assertThat(pcmu.rtpClockRate()).isEqualTo(8000);
        assertThat(pcmu.frameSamples()).isEqualTo(160);
        AudioCodec opus = Codecs.create("OPUS");
        assertThat(opus.payloadSampleRate()).isEqualTo(48000);
        assertThat(opus.rtpClockRate()).isEqualTo(48000);
        assertThat(opus.frameSamples()).isEqualTo(960);
    }

    @Test
    void g711CodecsEncodeOneBytePerSampleAndDecodeTheTableValues() {
        AudioCodec pcmu = Codecs.create("PCMU");
        AudioCodec pcma = Codecs.create("PCMA");
        short[] frame = Tones.sine(8000, 440, 20, 0.5);
        byte[] u = pcmu.encode(frame);
        assertThat(u).hasSize(160);
        assertThat(pcmu.decode(u, 0, u.length)).hasSize(160);
        assertThat(pcma.encode(new short[] {0, 0})).containsExactly(0xD5, 0xD5);
        assertThat(pcmu.decode(new byte[] {9, 0, (byte) 0xFF, 9}, 1, 2)).containsExactly(-32124, 0);
    }

    @Test
    void g711DecodeOfAnImpossibleRangeGivesSilenceInsteadOfThrowing() {
        AudioCodec pcmu = Codecs.create("PCMU");
        assertThat(pcmu.decode(new byte[4], 2, 10)).hasSize(160).containsOnly(0);
        assertThat(pcmu.decode(null, 0, 0)).hasSize(160).containsOnly(0);
    }
}
