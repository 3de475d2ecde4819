package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RateBoundsTest {
    private static final long MS = 1_000_000L;

    @Test
    void thePacketBudgetDropsTheExcessOfAWindowAndRenewsWithTheNext() {
        PacketBudget budget = new PacketBudget(3, 200 * MS);
        long start = 5_000 * MS;

        assertThat(budget.take(start)).isTrue();
        assertThat(budget.take(start + 10 * MS)).isTrue();
        assertThat(budget.take(start + 20 * MS)).isTrue();
        assertThat(budget.take(start + 30 * MS)).isFalse();
        assertThat(budget.take(start + 199 * MS)).isFalse();
        assertThat(budget.take(start + 200 * MS)).isTrue();
    }

    @Test
    void digitsPassInABurstThenAtTheRefillRate() {
        DigitRateLimit limit = new DigitRateLimit(3, 50 * MS);
        long start = 1_000 * MS;
        int passed = 0;
        for (int i = 0; i < 10; i++) {
            passed += limit.take(start) ? 1 : 0;
        }
        assertThat(passed).isEqualTo(3);
        assertThat(limit.take(start + 49 * MS)).isFalse();
        assertThat(limit.take(start + 60 * MS)).isTrue();
        assertThat(limit.take(start + 60 * MS)).isFalse();
        assertThat(limit.take(start + 10_000 * MS)).isTrue();
    }
}
