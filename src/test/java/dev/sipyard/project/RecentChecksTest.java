package dev.sipyard.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RecentChecksTest {
    private final MovableClock clock = new MovableClock();
    private final RecentChecks checks = new RecentChecks(clock, Duration.ofMillis(500));
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicReference<String> stored = new AtomicReference<>("project-1");

    private String owner() {
        return checks.owner("hash-a", () -> {
            lookups.incrementAndGet();
            return stored.get();
        });
    }

    @Test
    void aSuccessfulCheckIsTrustedForLessThanItsValidityThenAskedAgain() {
        assertThat(owner()).isEqualTo("project-1");
        clock.advance(499);
        stored.set(null); // revoked in the database meanwhile
        assertThat(owner()).isEqualTo("project-1");
        assertThat(lookups).hasValue(1);
        clock.advance(1);
        assertThat(owner()).isNull();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aFailedCheckIsNeverRemembered() {
        stored.set(null);
        assertThat(owner()).isNull();
        stored.set("project-1"); // created meanwhile, e.g. by the CLI
        assertThat(owner()).isEqualTo("project-1");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aRefusalReplacesWhatWasRemembered() {
        owner();
        clock.advance(600);
        stored.set(null);
        assertThat(owner()).isNull();
        stored.set("project-1");
        clock.advance(1);
        assertThat(owner()).isEqualTo("project-1");
        assertThat(lookups).hasValue(3);
    }

    @Test
    void forgetAllMakesTheNextCheckAskTheDatabase() {
        owner();
        checks.forgetAll();
        stored.set(null);
        assertThat(owner()).isNull();
    }

    @Test
    void aClockThatWentBackwardsDoesNotExtendTrust() {
        owner();
        clock.advance(-10_000);
        stored.set(null);
        assertThat(owner()).isNull();
    }

    @Test
    void pastTheSizeLimitEverythingIsForgotten() {
        for (int i = 0; i < RecentChecks.MAX_ENTRIES; i++) {
            checks.owner("h" + i, () -> "p");
        }
        AtomicInteger asked = new AtomicInteger();
        checks.owner("one-more", () -> "p");
        checks.owner("h0", () -> {
            asked.incrementAndGet();
            return "p";
        });
        assertThat(asked).hasValue(1);
    }

    private static final class MovableClock extends Clock {
        private long millis = 1_000_000;

        void advance(long by) {
            millis += by;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
