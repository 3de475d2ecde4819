package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static dev.sipyard.media.MediaFixtures.pcmu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.RtpPeer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MediaStreamDigitsTest {

    @Test
    void eachRfc4733EventIsOneDigitDespiteRetransmittedEndPackets() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            List<Character> digits = new CopyOnWriteArrayList<>();
            List<String> threads = new CopyOnWriteArrayList<>();
            stream.onDigit(d -> {
                digits.add(d);
                threads.add(Thread.currentThread().getName());
            });
            peer.target(stream.localPort());

            peer.sendDigits("1599#*", TELEPHONE_EVENT);
            peer.sendEvent('7', TELEPHONE_EVENT, 0, 3, false); // only end packets: the start was lost
            peer.sendEvent('A', TELEPHONE_EVENT, 2, 5, true);
            peer.sendDigits("0", TELEPHONE_EVENT);
            until("the last digit", () -> digits.contains('0'));

            assertThat(digits).containsExactly('1', '5', '9', '9', '#', '*', '7', 'A', '0');
            assertThat(threads).noneMatch(name -> name.startsWith("media-clock") || name.startsWith("media-receive"));
        }
    }

    @Test
    void anInjectedDigitIsReportedLikeAReceivedOne() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            List<Character> digits = new CopyOnWriteArrayList<>();
            stream.onDigit(digits::add);

            stream.injectDigit('5');
            stream.injectDigit('x'); // not a digit: ignored
            stream.injectDigit('b');
            until("two digits", () -> digits.size() >= 2);

            assertThat(digits).containsExactly('5', 'B');
        }
    }

    @Test
    void aDigitStormIsCut() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            List<Character> digits = new CopyOnWriteArrayList<>();
            stream.onDigit(digits::add);

            for (int i = 0; i < 200; i++) {
                stream.injectDigit('1');
            }
            until("the burst", () -> digits.size() >= MediaStream.DIGIT_BURST);

            assertThat(digits.size()).isLessThan(100);
        }
    }
}
