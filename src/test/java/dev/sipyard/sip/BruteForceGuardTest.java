package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.sip.guard.BanStore;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.MovingClock;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Password guessing is banned per SIP.md while the real device keeps working; bans are visible and liftable. */
class BruteForceGuardTest {
    private static final String PASSWORD = "correct-horse-battery";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aGuessingSourceIsBannedAfterTheThresholdWhileTheRealDeviceKeepsRegistering(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("mallory-target", PASSWORD);
            SipTestClient attacker = f.client("UDP", "127.0.0.1");
            SipTestClient device = f.client("UDP", "127.0.0.2");
            SipPhone guesser = f.phone(attacker, "mallory-target", "guess-0");
            SipPhone real = f.phone(device, "mallory-target", PASSWORD);

            // challenges alone never count
            for (int i = 0; i < 30; i++) {
                assertThat(guesser.send(List.of("<" + guesser.contact() + ">"), 600, null).status()).isEqualTo(401);
            }
            for (int i = 1; i <= 10; i++) {
                assertThat(guesser.password("guess-" + i).register(600).status()).isEqualTo(403);
                if (i == 5) {
                    assertThat(real.register(600).status()).isEqualTo(200);
                }
            }
            // banned: even the right password gets 403, and no challenge is issued
            SipResponse banned = guesser.password(PASSWORD).send(List.of("<" + guesser.contact() + ">"), 600, null);
            assertThat(banned.status()).isEqualTo(403);
            assertThat(banned.all("WWW-Authenticate")).isEmpty();
            // the real device, from another address, is not affected
            assertThat(real.register(600).status()).isEqualTo(200);

            var list = f.api.get("/api/relay/rest/sip_bans");
            assertThat(list.status()).isEqualTo(200);
            var ban = list.json().get("data").get(0);
            assertThat(ban.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(ban.get("failures").asInt()).isGreaterThanOrEqualTo(10);
            assertThat(ban.get("reason").asText()).contains("failed authentication");
            assertThat(Instant.parse(ban.get("banned_until").asText()))
                    .isBetween(Instant.now().plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(6)));

            // another project neither sees nor lifts it
            var stranger = f.server.newProject("stranger");
            assertThat(stranger.get("/api/relay/rest/sip_bans").json().get("data")).isEmpty();
            assertThat(stranger.delete("/api/relay/rest/sip_bans/127.0.0.1").status()).isEqualTo(404);

            assertThat(f.api.delete("/api/relay/rest/sip_bans/127.0.0.1").status()).isEqualTo(204);
            assertThat(f.api.get("/api/relay/rest/sip_bans").json().get("data")).isEmpty();
            assertThat(f.api.delete("/api/relay/rest/sip_bans/127.0.0.1").status()).isEqualTo(404);
            assertThat(guesser.register(600).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBanIsShownToEveryProjectTheAddressAttacked(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("alpha", PASSWORD);
            var other = f.server.newProject("other");
            String otherDomain = other.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            other.post("/api/fabric/resources/sip_endpoints", Map.of("username", "beta", "password", PASSWORD));
            var bystander = f.server.newProject("bystander");
            SipTestClient attacker = f.client("UDP", "127.0.0.9");
            for (int i = 0; i < 5; i++) {
                assertThat(f.phone(attacker, "alpha", "nope-" + i).register(600).status()).isEqualTo(403);
                assertThat(new SipPhone(attacker, "beta", otherDomain, "nope-" + i).register(600).status())
                        .isEqualTo(403);
            }
            assertThat(f.api.get("/api/relay/rest/sip_bans").json().get("data").findValuesAsText("address"))
                    .containsExactly("127.0.0.9");
            assertThat(other.get("/api/relay/rest/sip_bans").json().get("data").findValuesAsText("address"))
                    .containsExactly("127.0.0.9");
            assertThat(bystander.get("/api/relay/rest/sip_bans").json().get("data")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAllowListedNetworkIsNeverBanned(Backend backend) {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_SIP_ALLOW", "127.0.0.0/30",
                "SIPYARD_SIP_GUARD_THRESHOLD", "3"))) {
            f.endpoint("office", PASSWORD);
            SipPhone office = f.phone(f.client("UDP", "127.0.0.3"), "office", "wrong-password-xx");
            for (int i = 0; i < 6; i++) {
                assertThat(office.register(600).status()).isEqualTo(403);
            }
            assertThat(office.password(PASSWORD).register(600).status()).isEqualTo(200);
            assertThat(f.api.get("/api/relay/rest/sip_bans").json().get("data")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aUsernameUnderAttackBansEachFailingSourceAtOnce(Backend backend) {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_SIP_GUARD_THRESHOLD", "4"))) {
            f.endpoint("popular", PASSWORD);
            // four sources, one guess each: the username reaches the threshold
            for (int i = 1; i <= 4; i++) {
                SipPhone p = f.phone(f.client("UDP", "127.0.1." + i), "popular", "nope-" + i);
                assertThat(p.register(600).status()).isEqualTo(403);
            }
            List<String> banned = f.api.get("/api/relay/rest/sip_bans").json().get("data").findValuesAsText("address");
            assertThat(banned).containsExactly("127.0.1.4");
            SipPhone fifth = f.phone(f.client("UDP", "127.0.1.5"), "popular", "nope-5");
            assertThat(fifth.register(600).status()).isEqualTo(403);
            assertThat(f.api.get("/api/relay/rest/sip_bans").json().get("data").findValuesAsText("address"))
                    .contains("127.0.1.5");
            // the owner, failing nothing, is untouched
            assertThat(f.phone(f.client("UDP", "127.0.1.9"), "popular", PASSWORD).register(600).status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRepeatedBanDoublesUpToTheMaximum(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            MovingClock clock = new MovingClock(Instant.parse("2026-03-01T00:00:00Z"));
            BanStore bans = new BanStore(f.server.server().database().jdbi(), clock);
            long min = 300_000;
            long max = 1_200_000;
            List<Long> periods = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                var b = bans.ban("192.0.2.7", "test", 10, Set.of(), min, max);
                periods.add(b.bannedUntil() - b.bannedAt());
                clock.advance(Duration.between(clock.instant(), Instant.ofEpochMilli(b.bannedUntil() + 1000)));
            }
            assertThat(periods).containsExactly(300_000L, 600_000L, 1_200_000L, 1_200_000L);
            // a day of good behaviour starts over
            clock.advance(Duration.ofHours(25));
            var fresh = bans.ban("192.0.2.7", "test", 10, Set.of(), min, max);
            assertThat(fresh.bannedUntil() - fresh.bannedAt()).isEqualTo(300_000L);
        }
    }
}
