package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static dev.sipyard.media.MediaFixtures.loud;
import static dev.sipyard.media.MediaFixtures.pcmu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.Goertzel;
import dev.sipyard.media.codec.Tones;
import dev.sipyard.media.rtp.RtpPacket;
import dev.sipyard.media.rtp.TelephoneEvent;
import dev.sipyard.testing.RtpPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MediaStreamPlaybackTest {

    @Test
    void aClipIsSentAsOnePacketPer20MillisecondsWithContinuousNumbering() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            // 1 s of 1 kHz at 16 kHz: the stream converts it to PCMU's 8 kHz, 50 frames
            AudioClip clip = new AudioClip(16_000, Tones.sine(16_000, 1000, 1000, 0.5));

            PlaybackEnd end = stream.play(List.of(clip), false).get(10, TimeUnit.SECONDS);
            until("silence after the tone", () -> silentAfterLoud(peer.received(), 3));

            assertThat(end.interrupted()).isFalse();
            List<RtpPeer.Received> received = peer.received();
            assertThat(received.stream().filter(MediaFixtures::loud).count()).isEqualTo(50);
            short[] tone = MediaFixtures.loudAudio(received);
            assertThat(Goertzel.dominantFrequency(tone, 8000, 300, 3400)).isCloseTo(1000, within(10.0));
            RtpPacket first = received.get(0).packet();
            assertThat(first.marker()).isTrue();
            for (int i = 1; i < received.size(); i++) {
                RtpPacket previous = received.get(i - 1).packet();
                RtpPacket packet = received.get(i).packet();
                assertThat(packet.ssrc()).isEqualTo(first.ssrc());
                assertThat(packet.payloadType()).isZero();
                assertThat(packet.marker()).isFalse();
                assertThat(packet.sequence()).isEqualTo((previous.sequence() + 1) & 0xFFFF);
                assertThat(packet.timestamp()).isEqualTo((previous.timestamp() + 160) & 0xFFFFFFFFL);
                assertThat(packet.payload()).hasSize(160);
            }
            MediaFixtures.printPacing("paced sender", received);
            assertThat(stream.stats().packetsSent()).isGreaterThanOrEqualTo(received.size());
        }
    }

    @Test
    void playbacksQueueAndStopPlaybackInterruptsThemAll() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            AudioClip beep = new AudioClip(8000, Tones.beep(8000));
            AudioClip long1 = new AudioClip(8000, Tones.sine(8000, 500, 30_000, 0.5));

            var first = stream.play(List.of(beep), false);
            var second = stream.play(List.of(long1), false);
            var third = stream.play(List.of(beep), false);
            assertThat(first.get(10, TimeUnit.SECONDS).interrupted()).isFalse();
            until("the long clip playing", () -> peer.received().stream().filter(MediaFixtures::loud).count() > 20);
            stream.stopPlayback();

            assertThat(second.get(10, TimeUnit.SECONDS).interrupted()).isTrue();
            assertThat(third.get(10, TimeUnit.SECONDS).interrupted()).isTrue();
            assertThat(stream.play(List.of(), false).get(10, TimeUnit.SECONDS).interrupted()).isFalse();
        }
    }

    @Test
    void aReceivedDigitStopsAPlaybackThatStopsOnKey() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            List<Character> digits = new java.util.concurrent.CopyOnWriteArrayList<>();
            stream.onDigit(digits::add);
            peer.target(stream.localPort());
            var playing = stream.play(List.of(new AudioClip(8000, Tones.sine(8000, 440, 30_000, 0.5))), true);

            peer.sendDigits("4", TELEPHONE_EVENT);

            assertThat(playing.get(10, TimeUnit.SECONDS).interrupted()).isTrue();
            until("the digit", () -> digits.size() == 1);
            assertThat(digits).containsExactly('4');
        }
    }

    @Test
    void digitsAreSentAsRfc4733EventsWithThreeEndPackets() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");

            stream.sendDigits("1w#").get(10, TimeUnit.SECONDS);
            until("both digits' end packets", () -> events(peer).stream().filter(p -> event(p).end()).count() == 6);

            List<RtpPacket> events = events(peer);
            assertThat(events).hasSize(16);
            assertEvent(events.subList(0, 8), 1);
            assertEvent(events.subList(8, 16), 11);
            long pause = events.get(8).timestamp() - events.get(0).timestamp();
            assertThat(pause).isGreaterThanOrEqualTo(8000 / 2); // 'w' is 500 ms at 8 kHz
        }
    }

    @Test
    void withoutTelephoneEventDigitsAreSentAsTones() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, -1), "127.0.0.1");

            stream.sendDigits("1").get(10, TimeUnit.SECONDS);
            until("the tone and silence after it", () -> silentAfterLoud(peer.received(), 2));

            short[] tone = MediaFixtures.loudAudio(peer.received());
            assertThat(tone.length).isEqualTo(OutgoingDigits.EVENT_FRAMES * 160);
            double row = Goertzel.power(tone, 0, tone.length, 8000, 697);
            double column = Goertzel.power(tone, 0, tone.length, 8000, 1209);
            double other = Goertzel.power(tone, 0, tone.length, 8000, 941);
            assertThat(row).isGreaterThan(100 * other);
            assertThat(column).isGreaterThan(100 * other);
        }
    }

    private static void assertEvent(List<RtpPacket> packets, int code) {
        long timestamp = packets.get(0).timestamp();
        for (int i = 0; i < packets.size(); i++) {
            RtpPacket p = packets.get(i);
            TelephoneEvent e = event(p);
            assertThat(e.event()).isEqualTo(code);
            assertThat(p.timestamp()).isEqualTo(timestamp);
            assertThat(p.marker()).isEqualTo(i == 0);
            assertThat(e.end()).isEqualTo(i >= 5);
            assertThat(e.duration()).isEqualTo(Math.min(i + 1, 5) * 160);
        }
    }

    private static List<RtpPacket> events(RtpPeer peer) {
        List<RtpPacket> events = new ArrayList<>();
        for (RtpPeer.Received r : peer.received()) {
            if (r.packet().payloadType() == TELEPHONE_EVENT) {
                events.add(r.packet());
            }
        }
        return events;
    }

    private static TelephoneEvent event(RtpPacket p) {
        return TelephoneEvent.parse(p.payload());
    }

    /** True when at least {@code count} silent packets followed the last loud one (and there was one). */
    static boolean silentAfterLoud(List<RtpPeer.Received> received, int count) {
        int lastLoud = -1;
        for (int i = 0; i < received.size(); i++) {
            if (loud(received.get(i))) {
                lastLoud = i;
            }
        }
        return lastLoud >= 0 && received.size() - 1 - lastLoud >= count;
    }
}
