package dev.sipyard.media;

import static dev.sipyard.media.MediaFixtures.TELEPHONE_EVENT;
import static dev.sipyard.testing.Await.until;
import static dev.sipyard.media.MediaFixtures.pcmu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.media.rtp.RtpPacket;
import dev.sipyard.testing.RtpPeer;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MediaStreamRobustnessTest {

    @Test
    void malformedPacketsAndWrongPayloadTypesAreCountedAndTheStreamKeepsWorking() throws Exception {
        long seed = System.nanoTime();
        System.out.println("seed " + seed);
        Random random = new Random(seed);
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            List<Character> digits = new CopyOnWriteArrayList<>();
            stream.onDigit(digits::add);
            peer.target(stream.localPort());

            peer.sendRaw(new byte[0]);
            peer.sendRaw(new byte[] {(byte) 0x80, 0, 0});
            for (int i = 0; i < 20; i++) {
                byte[] junk = new byte[1 + random.nextInt(300)];
                random.nextBytes(junk);
                junk[0] = (byte) (junk[0] & 0x3F); // version 0: never RTP nor RTCP
                peer.sendRaw(junk);
            }
            byte[] shortEvent = new RtpPacket(TELEPHONE_EVENT, true, 1, 1, 1, new byte[] {1, 2}).toBytes();
            peer.sendRaw(shortEvent);
            peer.sendRaw(new RtpPacket(96, false, 2, 160, 1, new byte[20]).toBytes());
            peer.sendDigits("7", TELEPHONE_EVENT);
            until("the digit after the junk", () -> digits.contains('7'));

            MediaStats stats = stream.stats();
            assertThat(stats.malformed()).isEqualTo(23);
            assertThat(stats.wrongPayloadType()).isEqualTo(1);
            assertThat(digits).containsExactly('7');
        }
    }

    @Test
    void aFloodIsCutAndTheStreamStillWorks() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");
            List<Character> digits = new CopyOnWriteArrayList<>();
            stream.onDigit(digits::add);
            peer.target(stream.localPort());

            byte[] packet = new RtpPacket(0, false, 1, 160, 42, new byte[160]).toBytes();
            for (int i = 0; i < 3_000; i++) {
                peer.sendRaw(packet);
            }
            until("flood packets dropped", () -> stream.stats().floodDropped() > 0);
            // packets in the flood's 200 ms window are dropped whatever they are: the digit gets through after it
            for (int attempt = 0; attempt < 10 && digits.isEmpty(); attempt++) {
                peer.sendDigits("5", TELEPHONE_EVENT);
            }
            until("a digit after the flood", () -> digits.contains('5'));

            assertThat(stream.stats().packetsReceived()).isLessThan(3_000);
            System.out.println("after the flood: " + stream.stats());
        }
    }

    @Test
    void theMediaTimeoutFiresWhenNothingArrivesAndAgainAfterMediaStopsOnceMore() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(16, Duration.ofMillis(300)); RtpPeer peer = new RtpPeer();
             MediaStream stream = engine.open()) {
            CountDownLatch first = new CountDownLatch(1);
            CountDownLatch second = new CountDownLatch(2);
            List<String> threads = new CopyOnWriteArrayList<>();
            stream.onMediaTimeout(() -> {
                threads.add(Thread.currentThread().getName());
                first.countDown();
                second.countDown();
            });
            stream.start(pcmu(peer, TELEPHONE_EVENT), "127.0.0.1");

            assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
            peer.target(stream.localPort()).send(new short[1600]);
            assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(stream.stats().packetsReceived()).isEqualTo(10);
            assertThat(threads).noneMatch(name -> name.startsWith("media-clock") || name.startsWith("media-receive"));
        }
    }
}
