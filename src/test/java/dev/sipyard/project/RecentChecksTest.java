package dev.sipyard.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RecentChecksTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final RecentChecks checks = new RecentChecks(clock::get, Duration.ofMillis(500));
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
        clock.addAndGet(499);
        stored.set(null); // revoked in the database meanwhile
        assertThat(owner()).isEqualTo("project-1");
        assertThat(lookups).hasValue(1);
        clock.addAndGet(1);
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
        clock.addAndGet(600);
        stored.set(null);
        assertThat(owner()).isNull();
        stored.set("project-1");
        clock.addAndGet(1);
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
        clock.addAndGet(-10_000);
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
}
