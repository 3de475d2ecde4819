package dev.sipyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.config.SettingsLoader;
import dev.sipyard.config.SipSettings;
import dev.sipyard.metrics.SipAuthMeters;
import dev.sipyard.sip.guard.BanStore;
import dev.sipyard.sip.guard.BruteForceGuard;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.MovingClock;
import dev.sipyard.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes' counters over one database, synced by hand on a clock the test turns: what one node
 * counts, the other adds after a sync; the window ends; a forgotten key starts over everywhere.
 */
class SharedCountersTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void whatOneNodeCountsTheOtherAddsUntilTheWindowHasPassed(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Jdbi jdbi = server.server().database().jdbi();
            MovingClock clock = new MovingClock(Instant.parse("2026-03-01T10:00:03Z"));
            SharedCounters a = new SharedCounters(jdbi, "node-a", clock);
            SharedCounters b = new SharedCounters(jdbi, "node-b", clock);
            SharedCounters.Counter onA = a.counter("test-writes", WINDOW);
            SharedCounters.Counter onB = b.counter("test-writes", WINDOW);

            for (int i = 0; i < 5; i++) {
                onA.record("project-1");
            }
            onA.record("project-2");
            assertThat(onB.others("project-1")).as("nothing before a sync").isZero();
            a.sync();
            b.sync();
            assertThat(onB.others("project-1")).isEqualTo(5);
            assertThat(onB.others("project-2")).isEqualTo(1);
            assertThat(onA.others("project-1")).as("a node's own hits are not 'others'").isZero();

            // later hits in another bucket add up; a second sync of unchanged counts changes nothing
            clock.advance(Duration.ofSeconds(20));
            onA.record("project-1");
            onB.record("project-1");
            a.sync();
            b.sync();
            a.sync();
            b.sync();
            assertThat(onB.others("project-1")).isEqualTo(6);
            assertThat(onA.others("project-1")).isEqualTo(1);

            // the first five fall out of the window, the sixth is still in it
            clock.advance(Duration.ofSeconds(45));
            assertThat(onB.others("project-1")).isEqualTo(1);
            clock.advance(Duration.ofSeconds(30));
            assertThat(onB.others("project-1")).isZero();

            a.close();
            b.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aGuesserSpreadOverTwoNodesIsBannedAtTheThresholdOfBothTogether(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            Jdbi jdbi = server.server().database().jdbi();
            MovingClock clock = new MovingClock(Instant.parse("2026-03-01T10:00:03Z"));
            SipSettings sip = SettingsLoader.load(Map.of("SIPYARD_SIP_GUARD_THRESHOLD", "4")).sip();
            SharedCounters countsA = new SharedCounters(jdbi, "node-a", clock);
            SharedCounters countsB = new SharedCounters(jdbi, "node-b", clock);
            BruteForceGuard a = new BruteForceGuard(sip, new BanStore(jdbi, clock), clock, countsA,
                    SipAuthMeters.unread());
            BanStore bansOfB = new BanStore(jdbi, clock);
            BruteForceGuard b = new BruteForceGuard(sip, bansOfB, clock, countsB, SipAuthMeters.unread());

            a.failure("192.0.2.7", "p1:alice", "alice", null);
            a.failure("192.0.2.7", "p1:bob", "bob", null);
            countsA.sync();
            countsB.sync();
            b.failure("192.0.2.7", "p1:carol", "carol", null);
            bansOfB.refresh();
            assertThat(b.isBanned("192.0.2.7")).as("3 of 4 failures, over both nodes").isFalse();
            b.failure("192.0.2.7", "p1:dave", "dave", null);
            bansOfB.refresh();
            assertThat(b.isBanned("192.0.2.7")).as("the 4th failure, counted on B, bans").isTrue();

            // lifting a ban forgets the address's shared count on every node
            assertThat(sharedRows(jdbi, "192.0.2.7")).isPositive();
            b.forget("192.0.2.7");
            countsA.sync();
            countsB.sync();
            assertThat(sharedRows(jdbi, "192.0.2.7")).isZero();
            countsA.close();
            countsB.close();
        }
    }

    private static int sharedRows(Jdbi jdbi, String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM shared_counters WHERE counter_key = :k")
                .bind("k", key).mapTo(Integer.class).one());
    }

    @Test
    void aNodeThatSharesNothingCountsNothingRemote() {
        SharedCounters none = SharedCounters.none();
        SharedCounters.Counter c = none.counter("x", WINDOW);
        c.record("k");
        none.sync();
        assertThat(c.others("k")).isZero();
        assertThat(none.shares()).isFalse();
    }
}
