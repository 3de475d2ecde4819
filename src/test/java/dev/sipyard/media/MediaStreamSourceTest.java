package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static dev.sipyard.media.MediaFixtures.pcmu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.codec.Tones;
import dev.sipyard.testing.RtpPeer;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Symmetric RTP: which sources are accepted and latched, and where the stream sends. */
class MediaStreamSourceTest {

    @Test
    void theFirstAcceptedPacketLatchesAndOtherPortsAreIgnoredAfterwards() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer sdpPeer = new RtpPeer();
             RtpPeer natPeer = new RtpPeer(); MediaStream stream = engine.open()) {
            stream.start(pcmu(sdpPeer, TELEPHONE_EVENT), "127.0.0.1");
            List<Character> digits = new CopyOnWriteArrayList<>();
            stream.onDigit(digits::add);
            until("packets to the SDP address before latching", () -> sdpPeer.receivedCount() >= 2);

            natPeer.target(stream.localPort()).sendDigits("1", TELEPHONE_EVENT);
            until("the latched peer's digit", () -> digits.contains('1'));
            assertThat(stream.latchedSource()).isEqualTo(natPeer.localAddress());
            until("packets to the latched address", () -> natPeer.receivedCount() >= 2);
            long toSdpAddress = sdpPeer.receivedCount();

            sdpPeer.target(stream.localPort()).sendDigits("2", TELEPHONE_EVENT);
            natPeer.sendDigits("3", TELEPHONE_EVENT);
            until("the latched peer's second digit", () -> digits.contains('3'));

            assertThat(digits).containsExactly('1', '3');
            assertThat(stream.stats().ignoredWrongSource()).isGreaterThanOrEqualTo(8);
            assertThat(sdpPeer.receivedCount()).isLessThanOrEqualTo(toSdpAddress + 1); // at most one in flight
        }
    }

    @Test
    void onlyTheSdpAndSignallingAddressesMayLatch() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer sdpPeer = new RtpPeer();
             RtpPeer stranger = new RtpPeer(InetAddress.getByName("127.0.0.2"), 0, 100);
             RtpPeer behindNat = new RtpPeer(InetAddress.getByName("127.0.0.3"), 0, 100);
             MediaStream stream = engine.open()) {
            stream.start(pcmu(sdpPeer, TELEPHONE_EVENT), "127.0.0.3");
            List<Character> digits = new CopyOnWriteArrayList<>();
            stream.onDigit(digits::add);

            stranger.target(stream.localPort()).send(Tones.sine(8000, 1000, 100, 0.5));
            until("the stranger's packets counted", () -> stream.stats().ignoredWrongSource() >= 5);
            assertThat(stream.latchedSource()).isNull();

            behindNat.target(stream.localPort()).sendDigits("9", TELEPHONE_EVENT);
            until("the digit from the signalling address", () -> digits.contains('9'));
            assertThat(stream.latchedSource()).isEqualTo(behindNat.localAddress());
            assertThat(stream.stats().packetsReceived()).isEqualTo(8);
        }
    }
}
