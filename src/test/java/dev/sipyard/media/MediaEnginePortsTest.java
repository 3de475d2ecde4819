package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MediaEnginePortsTest {

    @Test
    void streamsGetEvenPortsUntilTheRangeIsExhaustedAndClosedPortsAreReused() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(4, Duration.ZERO)) {
            int base = engine.settings().portMin();
            MediaStream first = engine.open();
            MediaStream second = engine.open();

            assertThat(first.localPort()).isEqualTo(base);
            assertThat(second.localPort()).isEqualTo(base + 2);
            assertThat(engine.openStreams()).isEqualTo(2);
            assertThatThrownBy(engine::open).isInstanceOf(NoPortAvailable.class)
                    .hasMessageContaining(base + "-" + (base + 3));

            first.close();
            first.close();
            assertThat(engine.openStreams()).isEqualTo(1);
            MediaStream third = engine.open();
            assertThat(third.localPort()).isEqualTo(base);
            second.close();
            third.close();
            assertThat(engine.openStreams()).isZero();
        }
    }

    @Test
    void anOddRangeStartUsesTheNextEvenPort() {
        MediaSettings settings = new MediaSettings("127.0.0.1", "127.0.0.1", 10_001, 10_006, null);
        assertThat(settings.capacity()).isEqualTo(2);
        assertThat(settings.rtpTimeout()).isZero();
        assertThatThrownBy(() -> new MediaSettings("127.0.0.1", null, 10_001, 10_002, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void startedStreamsAreSpreadOverTheClocksAndLeaveTheirOwnWhenClosed() throws Exception {
        try (MediaEngine engine = MediaFixtures.engine(20, Duration.ZERO);
             dev.sipyard.testing.RtpPeer peer = new dev.sipyard.testing.RtpPeer()) {
            java.util.List<MediaStream> streams = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                MediaStream s = engine.open();
                s.start(MediaFixtures.pcmu(peer, 101), "127.0.0.1");
                s.start(MediaFixtures.pcmu(peer, 101), "127.0.0.1"); // a re-INVITE: still one clock
                streams.add(s);
            }
            java.util.List<Integer> sizes = engine.clocks().stream().map(PacingClock::size).toList();
            assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(5);
            assertThat(java.util.Collections.max(sizes) - java.util.Collections.min(sizes)).as(sizes.toString())
                    .isLessThanOrEqualTo(1);
            assertThat(engine.clocks()).hasSize(Math.min(MediaEngine.MAX_CLOCKS,
                    Runtime.getRuntime().availableProcessors()));

            streams.forEach(MediaStream::close);
            assertThat(engine.clocks()).allSatisfy(c -> assertThat(c.size()).isZero());
        }
    }
}
