package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static dev.sipyard.media.MediaFixtures.pcmu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import dev.sipyard.media.codec.G711;
import dev.sipyard.media.codec.Goertzel;
import dev.sipyard.media.codec.Tones;
import dev.sipyard.media.rtp.RtpPacket;
import dev.sipyard.testing.RtpPeer;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Prompts are encoded once per clip and codec and the clock sends those payloads. */
class MediaStreamEncodedPlaybackTest {
    private static final int OPUS_PT = 111;

    @Test
    void aClipPlayedOnAnOpusStreamDecodesToItsTone() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(MediaFixtures.negotiation("OPUS", OPUS_PT, peer.localAddress(), TELEPHONE_EVENT, null, null),
                    "127.0.0.1");
            AudioClip clip = new AudioClip(22_050, Tones.sine(22_050, 1000, 1000, 0.5)); // espeak-ng's rate

            assertThat(stream.play(List.of(clip), false).get(10, TimeUnit.SECONDS).interrupted()).isFalse();
            long sent = peer.receivedCount();
            until("packets after the clip", () -> peer.receivedCount() >= sent + 3);

            List<RtpPacket> packets = peer.received().stream().map(RtpPeer.Received::packet).toList();
            assertThat(packets).allMatch(p -> p.payloadType() == OPUS_PT);
            for (int i = 1; i < packets.size(); i++) {
                assertThat(packets.get(i).timestamp()).isEqualTo((packets.get(i - 1).timestamp() + 960) & 0xFFFFFFFFL);
            }
            AudioCodec decoder = Codecs.create("OPUS");
            List<short[]> loud = new ArrayList<>();
            for (RtpPacket p : packets) {
                short[] pcm = decoder.decode(p.payload(), 0, p.payload().length);
                if (Goertzel.rms(pcm, 0, pcm.length) > 3_000) {
                    loud.add(pcm);
                }
            }
            assertThat(loud.size()).isBetween(49, 51);
            short[] tone = MediaFixtures.concat(loud);
            assertThat(Goertzel.dominantFrequency(tone, 48_000, 300, 3400)).isCloseTo(1000, within(10.0));
        }
    }

    @Test
    void streamsPlayingOneClipShareOneEncodingPerCodec() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer alice = new RtpPeer(); RtpPeer bob = new RtpPeer();
             RtpPeer carol = new RtpPeer(); MediaStream a = engine.open(); MediaStream b = engine.open();
             MediaStream c = engine.open()) {
            a.start(pcmu(alice, TELEPHONE_EVENT), "127.0.0.1");
            b.start(pcmu(bob, TELEPHONE_EVENT), "127.0.0.1");
            c.start(MediaFixtures.negotiation("OPUS", OPUS_PT, carol.localAddress(), TELEPHONE_EVENT, null, null),
                    "127.0.0.1");
            AudioClip prompt = new AudioClip(16_000, Tones.sine(16_000, 800, 300, 0.5));

            var atA = a.play(List.of(prompt), false);
            var atB = b.play(List.of(prompt), false);
            assertThat(engine.encodedClips().encodings()).isEqualTo(1);
            var atC = c.play(List.of(prompt), false);
            assertThat(engine.encodedClips().encodings()).isEqualTo(2);
            a.play(List.of(prompt), false).get(10, TimeUnit.SECONDS); // played again: still encoded
            assertThat(atA.get(10, TimeUnit.SECONDS).interrupted()).isFalse();
            assertThat(atB.get(10, TimeUnit.SECONDS).interrupted()).isFalse();
            assertThat(atC.get(10, TimeUnit.SECONDS).interrupted()).isFalse();

            assertThat(engine.encodedClips().encodings()).isEqualTo(2);
            assertThat(engine.encodedClips().size()).isEqualTo(1);
        }
    }

    @Test
    void aG711StreamSendsTheClipEncodedSampleBySample() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            short[] samples = Arrays.copyOf(Tones.sine(8000, 1000, 1000, 0.5), 8000 - 50);

            stream.play(List.of(new AudioClip(8000, samples)), false).get(10, TimeUnit.SECONDS);
            long sent = peer.receivedCount();
            until("packets after the clip", () -> peer.receivedCount() >= sent + 3);

            byte[] expected = new byte[50 * 160];
            Arrays.fill(expected, G711.ulaw((short) 0)); // the last frame padded with silence
            for (int i = 0; i < samples.length; i++) {
                expected[i] = G711.ulaw(samples[i]);
            }
            List<RtpPeer.Received> received = peer.received();
            int first = 0;
            while (isSilence(received.get(first).packet().payload())) {
                first++;
            }
            ByteArrayOutputStream sentBytes = new ByteArrayOutputStream();
            for (RtpPeer.Received r : received.subList(first, first + 50)) {
                sentBytes.write(r.packet().payload());
            }
            assertThat(sentBytes.toByteArray()).isEqualTo(expected);
            assertThat(isSilence(received.get(first + 50).packet().payload())).isTrue();
        }
    }

    private static boolean isSilence(byte[] payload) {
        for (byte b : payload) {
            if (b != G711.ulaw((short) 0)) {
                return false;
            }
        }
        return true;
    }
}
