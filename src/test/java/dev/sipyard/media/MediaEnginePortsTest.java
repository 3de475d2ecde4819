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
}
