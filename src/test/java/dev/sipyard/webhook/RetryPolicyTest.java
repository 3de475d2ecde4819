package dev.sipyard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-02T17:00:00Z"), ZoneOffset.UTC);

    @Test
    void waitsDoubleFromOneSecondAndCapAtTheMaximumWithAtMostATenthOfJitter() {
        long seed = new Random().nextLong();
        System.out.println("RetryPolicyTest seed " + seed);
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(60), Duration.ofHours(24), new Random(seed));
        long[] nominal = {1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000};
        for (int failures = 1; failures <= nominal.length; failures++) {
            long wait = p.waitMillis(failures);
            long n = nominal[failures - 1];
            assertThat(wait).as("after %d failures", failures).isBetween(n - n / 10, n);
        }
        assertThat(p.waitMillis(1_000)).isBetween(54_000L, 60_000L);
    }

    @Test
    void theFirstWaitIsNeverLongerThanASmallMaximum() {
        RetryPolicy p = new RetryPolicy(Duration.ofMillis(300), Duration.ofHours(24), new Random(1));
        assertThat(p.waitMillis(1)).isBetween(270L, 300L);
        assertThat(p.waitMillis(5)).isBetween(270L, 300L);
    }

    @Test
    void theNextAttemptIsNowPlusTheWaitUntilTheRetryPeriodIsOver() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(1), Duration.ofHours(24), new Random(7));
        long now = clock.millis();
        long created = now - Duration.ofHours(23).toMillis();
        assertThat(p.nextAttemptAt(created, 3, now).orElseThrow()).isBetween(now + 900, now + 1000);
        assertThat(p.nextAttemptAt(now - Duration.ofHours(24).toMillis(), 3, now)).isEmpty();
        assertThat(p.nextAttemptAt(now - Duration.ofHours(25).toMillis(), 1, now)).isEmpty();
    }
}
