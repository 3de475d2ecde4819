package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static dev.sipyard.media.MediaFixtures.pcmu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.Tones;
import dev.sipyard.media.rtp.Rtcp;
import dev.sipyard.media.sdp.Negotiation;
import dev.sipyard.testing.RtpPeer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Re-INVITEs, hold, RTCP and closing. */
class MediaStreamUpdateTest {

    @Test
    void aNewRemoteAddressOpensLatchingAgainAndHoldStopsSending() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer first = new RtpPeer(); RtpPeer second = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(first, TELEPHONE_EVENT), "127.0.0.1");
            List<Character> digits = new CopyOnWriteArrayList<>();
            stream.onDigit(digits::add);
            first.target(stream.localPort()).sendDigits("1", TELEPHONE_EVENT);
            until("the first digit", () -> digits.contains('1'));

            stream.update(pcmu(second, TELEPHONE_EVENT));
            assertThat(stream.latchedSource()).isNull();
            until("packets to the new address", () -> second.receivedCount() >= 3);
            second.target(stream.localPort()).sendDigits("2", TELEPHONE_EVENT);
            until("the second digit", () -> digits.contains('2'));
            assertThat(stream.latchedSource()).isEqualTo(second.localAddress());

            Negotiation hold = new Negotiation("PCMU", 0, 8000, TELEPHONE_EVENT, second.localAddress(), null, null, 0,
                    "recvonly");
            stream.update(hold);
            long sentBeforeHold = stream.stats().packetsSent();
            CompletableFuture<PlaybackEnd> played = stream.play(List.of(AudioClip.silence(8000, 100)), false);
            assertThat(played.get(10, TimeUnit.SECONDS).interrupted()).isFalse(); // playback goes on, unheard
            assertThat(stream.stats().packetsSent()).isLessThanOrEqualTo(sentBeforeHold + 1);
        }
    }

    @Test
    void rtcpIsCountedOnTheRtcpPortAndMultiplexed() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            byte[] report = Rtcp.senderReport(peer.ssrc(), System.currentTimeMillis(), 1234, 10, 1600);

            peer.target(stream.localPort() + 1).sendRaw(report);
            peer.target(stream.localPort()).sendRaw(report);
            until("both reports", () -> stream.stats().rtcpReceived() == 2);

            assertThat(stream.stats().malformed()).isZero();
            assertThat(stream.stats().packetsReceived()).isZero();
        }
    }

    @Test
    void aSenderReportGoesToTheRtcpPortWithinFiveSeconds() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine();
             var rtcpSink = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
             MediaStream stream = engine.open()) {
            var rtp = new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                    rtcpSink.getLocalPort() - 1);
            stream.start(MediaFixtures.negotiation("PCMU", 0, rtp, TELEPHONE_EVENT, null, null), "127.0.0.1");
            rtcpSink.setSoTimeout(10_000);
            var datagram = new java.net.DatagramPacket(new byte[1500], 1500);

            rtcpSink.receive(datagram);

            assertThat(Rtcp.isRtcp(datagram.getData(), 0, datagram.getLength())).isTrue();
            assertThat(datagram.getData()[1] & 0xFF).isEqualTo(200); // SR
            assertThat(datagram.getPort()).isEqualTo(stream.localPort() + 1);
        }
    }

    @Test
    void closingCompletesWhatWaitsAndFreesThePort() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer()) {
            MediaStream stream = engine.open();
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            var playing = stream.play(List.of(new AudioClip(8000, Tones.sine(8000, 440, 30_000, 0.5))), false);
            var digits = stream.sendDigits("123456789");

            stream.close();

            assertThat(playing.get(10, TimeUnit.SECONDS).interrupted()).isTrue();
            assertThat(digits.get(10, TimeUnit.SECONDS)).isNull();
            assertThat(engine.openStreams()).isZero();
            assertThat(stream.play(List.of(AudioClip.silence(8000, 100)), false).get().interrupted()).isTrue();
            try (var socket = new java.net.DatagramSocket(stream.localPort(),
                    java.net.InetAddress.getLoopbackAddress())) {
                assertThat(socket.getLocalPort()).isEqualTo(stream.localPort());
            }
        }
    }

    @Test
    void beforeStartPlayingAndRecordingAreRefused() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); MediaStream stream = engine.open()) {
            assertThat(stream.play(List.of(AudioClip.silence(8000, 100)), false)).isCompletedExceptionally();
            assertThat(stream.sendDigits("1")).isCompletedExceptionally();
            org.assertj.core.api.Assertions.assertThatThrownBy(stream::record)
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
