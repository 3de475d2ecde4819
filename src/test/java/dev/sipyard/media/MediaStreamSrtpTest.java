package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.Goertzel;
import dev.sipyard.media.codec.Tones;
import dev.sipyard.media.srtp.SdesCrypto;
import dev.sipyard.media.srtp.SrtpContext;
import dev.sipyard.testing.RtpPeer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MediaStreamSrtpTest {
    private static final String SUITE = "AES_CM_128_HMAC_SHA1_80";

    @Test
    void audioGoesBothWaysEncryptedAndForgedPacketsAreCounted() throws Exception {
        SdesCrypto ours = SdesCrypto.generate(1, SUITE);
        SdesCrypto theirs = SdesCrypto.generate(1, SUITE);
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             RtpPeer forger = new RtpPeer(); MediaStream stream = engine.open()) {
            peer.srtp(SrtpContext.of(theirs, ours)).target(stream.localPort());
            stream.start(MediaFixtures.negotiation("PCMU", 0, peer.localAddress(), TELEPHONE_EVENT, theirs, ours),
                    "127.0.0.1");
            Recorder recorder = stream.record();

            forger.srtp(SrtpContext.of(SdesCrypto.generate(1, SUITE), ours)).target(stream.localPort())
                    .send(Tones.sine(8000, 500, 100, 0.5));
            until("the forged packets counted", () -> stream.stats().srtpFailures() >= 5);
            assertThat(stream.latchedSource()).isNull();
            peer.send(Tones.sine(8000, 1000, 400, 0.5));
            stream.play(List.of(new AudioClip(8000, Tones.sine(8000, 1500, 400, 0.5))), false)
                    .get(10, TimeUnit.SECONDS);
            until("the tone at the peer", () -> MediaStreamPlaybackTest.silentAfterLoud(peer.received(), 2));

            short[] heard = MediaFixtures.loudAudio(peer.received());
            assertThat(heard).hasSize(3200);
            assertThat(Goertzel.dominantFrequency(heard, 8000, 300, 3400)).isCloseTo(1500, within(10.0));
            short[] recorded = recorder.stop().clip().samples();
            assertThat(recorded).hasSize(3200);
            assertThat(Goertzel.dominantFrequency(recorded, 8000, 300, 3400)).isCloseTo(1000, within(10.0));
            assertThat(peer.undecodable()).isZero();
            assertThat(stream.stats().srtpFailures()).isEqualTo(5);
        }
    }
}
