package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static dev.sipyard.media.MediaFixtures.pcmu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipyard.media.codec.Goertzel;
import dev.sipyard.media.codec.Tones;
import dev.sipyard.testing.RtpPeer;
import org.junit.jupiter.api.Test;

class MediaStreamBridgeTest {

    @Test
    void aBridgeCarriesEachPeersAudioToTheOtherAcrossCodecs() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer alice = new RtpPeer();
             RtpPeer bob = new RtpPeer().alaw(true); MediaStream a = engine.open(); MediaStream b = engine.open()) {
            a.start(pcmu(alice, TELEPHONE_EVENT), "127.0.0.1");
            b.start(MediaFixtures.negotiation("PCMA", 8, bob.localAddress(), -1, null, null), "127.0.0.1");
            a.bridge(b);
            alice.target(a.localPort());
            bob.target(b.localPort());

            Thread fromBob = Thread.ofVirtual().start(() -> bob.send(Tones.sine(8000, 700, 1000, 0.5)));
            alice.send(Tones.sine(8000, 1000, 1000, 0.5));
            until("bob hears alice", () -> MediaStreamPlaybackTest.silentAfterLoud(bob.received(), 3));
            until("alice hears bob", () -> MediaStreamPlaybackTest.silentAfterLoud(alice.received(), 3));

            short[] atBob = MediaFixtures.loudAudio(bob.received());
            short[] atAlice = MediaFixtures.loudAudio(alice.received());
            assertThat(atBob.length).isBetween(8000 - 320, 8000);
            assertThat(Goertzel.dominantFrequency(atBob, 8000, 300, 3400)).isCloseTo(1000, within(10.0));
            assertThat(bob.received()).allMatch(r -> r.packet().payloadType() == 8);
            assertThat(atAlice.length).isBetween(8000 - 320, 8000);
            assertThat(Goertzel.dominantFrequency(atAlice, 8000, 300, 3400)).isCloseTo(700, within(10.0));
            fromBob.join();
        }
    }

    @Test
    void aBridgeToAnOpusStreamCarriesTheToneConvertedTo48Kilohertz() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer alice = new RtpPeer();
             MediaStream a = engine.open(); MediaStream b = engine.open(); MediaStream c = engine.open()) {
            a.start(pcmu(alice, TELEPHONE_EVENT), "127.0.0.1");
            // b and c talk Opus to each other; c records what b sends
            b.start(MediaFixtures.negotiation("OPUS", 111, MediaFixtures.address(c), 101, null, null), "127.0.0.1");
            c.start(MediaFixtures.negotiation("OPUS", 111, MediaFixtures.address(b), 101, null, null), "127.0.0.1");
            a.bridge(b);
            // Opus encoding is slow until the JIT has compiled it: let the clock warm it up first
            until("Opus flowing between b and c", () -> c.stats().packetsReceived() >= 100);
            Recorder atC = c.record();

            alice.target(a.localPort()).send(Tones.sine(8000, 1000, 1000, 0.5));
            until("the tone through b to c", () -> atC.recordedMillis() >= 1500);
            short[] recorded = atC.stop().clip().samples();

            assertThat(atC.stop().sampleRate()).isEqualTo(48_000);
            int loudFrames = 0;
            for (int at = 0; at + 960 <= recorded.length; at += 960) {
                if (Goertzel.rms(recorded, at, 960) > 3_000) {
                    loudFrames++;
                }
            }
            // a stalled clock (a loaded machine) drops bridged audio rather than delaying it
            assertThat(loudFrames).isBetween(25, 52);
            assertThat(Goertzel.dominantFrequency(recorded, 48_000, 300, 3400)).isCloseTo(1000, within(10.0));
            assertThat(b.stats().packetsReceived()).isGreaterThan(50);
        }
    }

    @Test
    void afterUnbridgeOnlySilenceIsSent() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer alice = new RtpPeer(); RtpPeer bob = new RtpPeer();
             MediaStream a = engine.open(); MediaStream b = engine.open()) {
            a.start(pcmu(alice, TELEPHONE_EVENT), "127.0.0.1");
            b.start(pcmu(bob, TELEPHONE_EVENT), "127.0.0.1");
            a.bridge(b);
            b.unbridge();
            alice.target(a.localPort()).send(Tones.sine(8000, 1000, 300, 0.5));
            until("alice's audio received", () -> a.stats().packetsReceived() >= 15);
            until("bob receives more", () -> bob.receivedCount() > 30);

            assertThat(bob.received()).noneMatch(MediaFixtures::loud);
        }
    }
}
