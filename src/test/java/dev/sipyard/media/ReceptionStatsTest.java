package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReceptionStatsTest {
    private static final long MS = 1_000_000L;

    @Test
    void lossAndReorderingAcrossTheSequenceWrap() {
        ReceptionStats stats = new ReceptionStats();
        int[] sequence = {65_533, 65_534, 0, 65_535, 2, 3, 3};
        for (int seq : sequence) {
            stats.sequence(42, seq);
        }

        assertThat(stats.lost()).isEqualTo(1); // 1 never came
        assertThat(stats.late()).isEqualTo(2); // 65535 after 0, and the duplicate 3
    }

    @Test
    void perfectlyPacedPacketsHaveNoJitterAndAlternatingDelaysHaveSome() {
        ReceptionStats steady = new ReceptionStats();
        ReceptionStats shaky = new ReceptionStats();
        for (int i = 0; i < 200; i++) {
            steady.transit(160L * i, 20 * MS * i, 8000);
            shaky.transit(160L * i, 20 * MS * i + (i % 2 == 0 ? 0 : 10 * MS), 8000);
        }

        assertThat(steady.jitterMillis()).isCloseTo(0, within(0.01));
        assertThat(shaky.jitterMillis()).isCloseTo(10, within(0.5));
    }
}
