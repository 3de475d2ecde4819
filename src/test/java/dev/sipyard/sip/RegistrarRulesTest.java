package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registrar rules of SIP.md, driven over real SIP on loopback by the test phone. */
class RegistrarRulesTest {
    private static final String PASSWORD = "correct-horse-battery";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void bindingsAreAddedRefreshedQueriedRemovedAndWildcardRemoved(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String id = f.endpoint("bob", PASSWORD);
            SipPhone desk = f.phone(f.udp(), "bob", PASSWORD);
            SipPhone mobile = f.phone(f.tcp(), "bob", PASSWORD);
            assertThat(desk.register(600).status()).isEqualTo(200);
            SipResponse both = mobile.register(1200);
            assertThat(both.status()).isEqualTo(200);
            assertThat(both.contacts()).hasSize(2);
            assertThat(both.expiresOf(desk.contact())).isBetween(595L, 600L);
            assertThat(both.expiresOf(mobile.contact())).isBetween(1195L, 1200L);

            // refresh: same contact, same Call-ID, higher CSeq; still two bindings
            SipResponse refreshed = desk.register(900);
            assertThat(refreshed.contacts()).hasSize(2);
            assertThat(refreshed.expiresOf(desk.contact())).isBetween(895L, 900L);

            // query: no Contact lists the bindings and changes nothing
            SipResponse query = desk.registerWith(List.of(), null);
            assertThat(query.status()).isEqualTo(200);
            assertThat(query.contacts()).hasSize(2);

            // remove one with Expires: 0
            SipResponse removed = desk.register(0);
            assertThat(removed.status()).isEqualTo(200);
            assertThat(removed.contacts()).hasSize(1);
            assertThat(removed.contacts().get(0)).contains(mobile.contact());
            assertThat(f.registrations(id).json().get("data")).hasSize(1);

            // Contact: * needs Expires: 0
            assertThat(desk.registerWith(List.of("*"), 60).status()).isEqualTo(400);
            SipResponse wiped = desk.registerWith(List.of("*"), 0);
            assertThat(wiped.status()).isEqualTo(200);
            assertThat(wiped.contacts()).isEmpty();
            assertThat(f.registrations(id).json().get("data")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void expiryIsClampedTooBriefIs423AndOlderCSeqIsRefused(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("carol", PASSWORD);
            SipPhone phone = f.phone(f.udp(), "carol", PASSWORD);
            SipResponse longAsk = phone.register(100_000);
            assertThat(longAsk.status()).isEqualTo(200);
            assertThat(longAsk.expiresOf(phone.contact())).isBetween(3595L, 3600L);

            SipResponse brief = phone.register(30);
            assertThat(brief.status()).isEqualTo(423);
            assertThat(brief.first("Min-Expires")).isEqualTo("60");

            // a contact's own expires parameter wins over the Expires header
            SipResponse param = phone.registerWith(List.of("<" + phone.contact() + ">;expires=120"), 3000);
            assertThat(param.expiresOf(phone.contact())).isBetween(115L, 120L);

            // no Expires at all: the server's default (3600, within max)
            SipResponse dflt = phone.registerWith(List.of("<" + phone.contact() + ">"), null);
            assertThat(dflt.expiresOf(phone.contact())).isBetween(3595L, 3600L);

            // the same Call-ID with an older CSeq is refused and changes nothing
            long next = phone.cseq();
            phone.cseq(next - 3);
            SipResponse old = phone.register(600);
            assertThat(old.status()).isEqualTo(400);
            assertThat(old.reason()).containsIgnoringCase("out of order");
            phone.cseq(next + 10);
            assertThat(phone.register(600).expiresOf(phone.contact())).isBetween(595L, 600L);
            // a new Call-ID (the phone rebooted) may start again at CSeq 1
            phone.newCallId().cseq(1);
            assertThat(phone.register(700).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theEleventhContactEvictsTheOldest(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String id = f.endpoint("dave", PASSWORD);
            SipPhone phone = f.phone(f.udp(), "dave", PASSWORD);
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                String c = "sip:dave@127.0.0.1:" + (20000 + i);
                contacts.add(c);
                SipResponse r = phone.contact(c).register(600);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.contacts()).hasSize(Math.min(i + 1, 10));
            }
            var data = f.registrations(id).json().get("data");
            assertThat(data).hasSize(10);
            List<String> listed = new ArrayList<>();
            data.forEach(b -> listed.add(b.get("contact").asText()));
            assertThat(listed).doesNotContain(contacts.get(0)).contains(contacts.get(10), contacts.get(1));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void noncesExpireAsStaleAndForgedOrReplayedOnesAreRefused(Backend backend) throws Exception {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_SIP_NONCE_TTL", "1"))) {
            f.endpoint("erin", PASSWORD);
            SipPhone phone = f.phone(f.udp(), "erin", PASSWORD);
            List<String> contact = List.of("<" + phone.contact() + ">");

            SipResponse challenge = phone.send(contact, 600, null);
            String auth = phone.authorize(challenge);
            Thread.sleep(2200);
            SipResponse stale = phone.send(contact, 600, auth);
            assertThat(stale.status()).isEqualTo(401);
            assertThat(stale.all("WWW-Authenticate")).allMatch(v -> v.contains("stale=true"));
            assertThat(phone.send(contact, 600, phone.authorize(stale)).status()).isEqualTo(200);

            // a nonce this server never issued
            String forged = phone.authorize(challenge).replaceFirst("nonce=\"[^\"]+\"",
                    "nonce=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"");
            SipResponse refused = phone.send(contact, 600, forged);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.all("WWW-Authenticate")).noneMatch(v -> v.contains("stale=true"));

            // the same nc twice for one nonce: the second is a replay
            SipResponse fresh = phone.send(contact, 600, null);
            assertThat(phone.send(contact, 600, phone.authorize(fresh)).status()).isEqualTo(200);
            assertThat(phone.send(contact, 600, phone.reauthorize(1)).status()).isEqualTo(401);
            assertThat(phone.send(contact, 600, phone.reauthorize(2)).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void wrongPasswordUnknownUserUnknownDomainAndForeignRealmAreRefused(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("frank", PASSWORD);
            SipTestClient udp = f.udp();
            assertThat(f.phone(udp, "frank", "wrong-password-123").register(600).status()).isEqualTo(403);
            assertThat(f.phone(udp, "nobody", PASSWORD).register(600).status()).isEqualTo(403);
            SipPhone elsewhere = new SipPhone(udp, "frank", "nosuch.sip.localhost", PASSWORD);
            assertThat(elsewhere.register(600).status()).isEqualTo(404);
            SipPhone foreign = new SipPhone(udp, "frank", "example.com", PASSWORD);
            assertThat(foreign.register(600).status()).isEqualTo(404);

            // credentials for another realm only: challenged, as if there were none
            SipPhone phone = f.phone(udp, "frank", PASSWORD);
            String otherRealm = "Digest username=\"frank\", realm=\"other.example\", nonce=\"abc\", uri=\"sip:x\", "
                    + "response=\"00000000000000000000000000000000\", qop=auth, nc=00000001, cnonce=\"c\"";
            SipResponse r = phone.send(List.of("<" + phone.contact() + ">"), 600, otherRealm);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.all("WWW-Authenticate")).hasSize(3);
            assertThat(phone.register(600).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anIpAddressOrServerDomainFindsTheOnlyProjectWithThatUsername(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("grace", PASSWORD);
            SipTestClient udp = f.udp();
            SipPhone byIp = new SipPhone(udp, "grace", "127.0.0.1", PASSWORD);
            assertThat(byIp.register(600).status()).isEqualTo(200);
            SipPhone byServerName = new SipPhone(udp, "grace", "sip.localhost", PASSWORD);
            assertThat(byServerName.register(600).status()).isEqualTo(200);

            // once two projects have that username, the IP no longer says which one
            var other = f.server.newProject("other");
            assertThat(other.post("/api/fabric/resources/sip_endpoints",
                    Map.of("username", "grace", "password", "another-long-secret")).status()).isEqualTo(201);
            assertThat(new SipPhone(udp, "grace", "127.0.0.1", PASSWORD).register(600).status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theDigestUriMayNameTheServerAddressButNotSomethingElse(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            f.endpoint("heidi", PASSWORD);
            SipTestClient udp = f.udp();
            SipPhone phone = f.phone(udp, "heidi", PASSWORD);
            List<String> contact = List.of("<" + phone.contact() + ">");
            String challenge = SipPhone.challengeFor(phone.send(contact, 600, null), "MD5");
            String serverAddress = "sip:127.0.0.1:" + f.server.sipPorts().udp();
            assertThat(phone.send(contact, 600, phone.authorizationFor(challenge, 1, serverAddress)).status())
                    .isEqualTo(200);
            assertThat(phone.send(contact, 600, phone.authorizationFor(challenge, 2, "sip:evil.example.com"))
                    .status()).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRetransmittedRequestGetsTheSameAnswerAndIsNotAReplay(Backend backend) throws Exception {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_SIP_GUARD_THRESHOLD", "2"))) {
            SipTestClient udp = f.udp();
            f.endpoint("ivy", PASSWORD);
            retransmissionsGetTheSameAnswer(f.phone(udp, "ivy", PASSWORD), udp, Map.of());
            // a Timestamp header leaves the REGISTER to JAIN-SIP's path instead of the lean one
            f.endpoint("jay", PASSWORD);
            retransmissionsGetTheSameAnswer(f.phone(udp, "jay", PASSWORD), udp, Map.of("Timestamp", "1"));
            assertThat(f.api.get("/api/relay/rest/sip_bans").json().get("data")).isEmpty();
        }
    }

    private static void retransmissionsGetTheSameAnswer(SipPhone phone, SipTestClient udp, Map<String, String> extra)
            throws Exception {
        List<String> contact = List.of("<" + phone.contact() + ">");
        String first = phone.message(contact, 600, null, extra);
        SipResponse challenge = udp.request(first);
        Thread.sleep(500); // T1: a phone retransmits after 500 ms, once the first copy has been handled
        SipResponse again = udp.request(first);
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.all("WWW-Authenticate")).isEqualTo(challenge.all("WWW-Authenticate"));
        assertThat(again.first("To")).isEqualTo(challenge.first("To"));

        String authenticated = phone.message(contact, 600, phone.authorize(challenge), extra);
        for (int i = 0; i < 3; i++) {
            Thread.sleep(i == 0 ? 0 : 500);
            SipResponse ok = udp.request(authenticated);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.contacts()).hasSize(1);
        }
    }
}
