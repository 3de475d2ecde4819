package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bindings live in the database: the API shows them, they survive a restart, expire on time, and go with the credentials. */
class RegistrationLifecycleTest {
    private static final String PASSWORD = "correct-horse-battery";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theApiListsLiveBindingsAndTheySurviveARestart(Backend backend) {
        TestServer first = TestServer.start(backend);
        String id;
        var api = first.newProject("restart");
        String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
        try (var udp = dev.sipyard.testing.SipTestClient.udp(first.sipPorts().udp())) {
            id = api.post("/api/fabric/resources/sip_endpoints", Map.of("username", "ivan", "password", PASSWORD))
                    .json().get("id").asText();
            assertThat(new SipPhone(udp, "ivan", domain, PASSWORD).register(1800).status()).isEqualTo(200);
        } finally {
            first.close();
        }
        try (TestServer second = first.restart(Map.of())) {
            var again = new dev.sipyard.testing.ApiClient(second.baseUrl(), apiProject(api), apiToken(api));
            var r = again.get("/api/fabric/resources/sip_endpoints/" + id + "/registrations");
            assertThat(r.status()).isEqualTo(200);
            var b = r.json().get("data").get(0);
            assertThat(b.get("contact").asText()).startsWith("sip:ivan@127.0.0.1:");
            assertThat(b.get("transport").asText()).isEqualTo("udp");
            assertThat(b.get("source_port").asInt()).isPositive();
            assertThat(b.get("registered_at").asText()).endsWith("Z");
            assertThat(b.get("expires_at").asText()).endsWith("Z");
            assertThat(r.body()).doesNotContain("ha1").doesNotContain(PASSWORD);
            assertThat(r.json().get("links").get("self").asText()).contains("/registrations");

            // another project sees no such endpoint
            var stranger = second.newProject("stranger");
            assertThat(stranger.get("/api/fabric/resources/sip_endpoints/" + id + "/registrations").status())
                    .isEqualTo(404);
            assertThat(second.anonymous().get("/api/fabric/resources/sip_endpoints/" + id + "/registrations")
                    .status()).isEqualTo(401);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void expiredBindingsDisappearOnTimeWithoutAnyoneAsking(Backend backend) throws Exception {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_SIP_MIN_EXPIRES", "1"))) {
            String id = f.endpoint("judy", PASSWORD);
            SipPhone phone = f.phone(f.udp(), "judy", PASSWORD);
            assertThat(phone.register(2).status()).isEqualTo(200);
            assertThat(f.registrations(id).json().get("data")).hasSize(1);
            Thread.sleep(3500);
            assertThat(f.registrations(id).json().get("data")).isEmpty();
            long rows = f.server.server().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM sip_registrations").mapTo(Long.class).one());
            assertThat(rows).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deletingAnEndpointOrChangingItsPasswordDropsItsBindingsAtOnce(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String kim = f.endpoint("kim", PASSWORD);
            String leo = f.endpoint("leo", PASSWORD);
            SipPhone kimPhone = f.phone(f.udp(), "kim", PASSWORD);
            SipPhone leoPhone = f.phone(f.tcp(), "leo", PASSWORD);
            assertThat(kimPhone.register(600).status()).isEqualTo(200);
            assertThat(leoPhone.register(600).status()).isEqualTo(200);

            assertThat(f.api.patch("/api/fabric/resources/sip_endpoints/" + kim,
                    Map.of("password", "a-brand-new-secret")).status()).isEqualTo(200);
            assertThat(f.registrations(kim).json().get("data")).isEmpty();
            assertThat(kimPhone.register(600).status()).isEqualTo(403);
            assertThat(kimPhone.password("a-brand-new-secret").register(600).status()).isEqualTo(200);

            assertThat(f.api.delete("/api/fabric/resources/sip_endpoints/" + leo).status()).isEqualTo(204);
            long rows = f.server.server().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM sip_registrations WHERE endpoint_id = :e").bind("e", leo)
                    .mapTo(Long.class).one());
            assertThat(rows).isZero();
            assertThat(leoPhone.register(600).status()).isEqualTo(403);
            assertThat(f.registrations(kim).json().get("data")).hasSize(1);
        }
    }

    private static String apiProject(dev.sipyard.testing.ApiClient c) {
        return decode(c)[0];
    }

    private static String apiToken(dev.sipyard.testing.ApiClient c) {
        return decode(c)[1];
    }

    private static String[] decode(dev.sipyard.testing.ApiClient c) {
        return c.credentials();
    }
}
