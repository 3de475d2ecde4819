package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Abuse and bad input around calls: each gets a clear refusal, and the server keeps serving
 * (every test ends with a good call or registration).
 */
class CallAbuseTest {
    private static final String PASSWORD = "correct-horse-battery";

    private static SipAgent agent(SipFixture f, String user) {
        return f.registeredAgent(f.udp(), user, PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anInviteFloodFromOneEndpointGets503WithRetryAfter(Backend backend) {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_CALL_MAX_CONCURRENT", "2",
                "SIPYARD_CALL_MAX_RATE", "1000"))) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = agent(f, "alice");
            SipAgent bob = agent(f, "bob");
            SipAgent.Call one = alice.call("bob");
            SipAgent.Call two = alice.call("bob");
            assertThat(bob.awaitCall(5000)).isNotNull();
            assertThat(bob.awaitCall(5000)).isNotNull();
            SipMsg third = alice.call("bob").awaitFinal(5000);
            assertThat(third.status()).as("a third call in progress").isEqualTo(503);
            assertThat(third.first("Retry-After")).isNotNull();
            assertThat(third.first("Reason")).contains("calls in progress");
            one.cancel();
            two.cancel();
            assertThat(one.awaitFinal(5000).status()).isEqualTo(487);
            assertThat(two.awaitFinal(5000).status()).isEqualTo(487);
        }
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_CALL_MAX_RATE", "2"))) {
            f.endpoint("alice", PASSWORD);
            SipAgent alice = agent(f, "alice");
            int refused = 0;
            for (int i = 0; i < 6; i++) {
                SipMsg r = alice.call("nobody").awaitFinal(5000);
                if (r.status() == 503) {
                    refused++;
                    assertThat(r.first("Retry-After")).isNotNull();
                } else {
                    assertThat(r.status()).isEqualTo(404);
                }
            }
            assertThat(refused).as("calls beyond 2 per second").isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void malformedSdpPassesThroughUnchangedAndWrongPasswordsLeadToABan(Backend backend) {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_SIP_GUARD_THRESHOLD", "3"))) {
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = agent(f, "alice");
            SipAgent bob = agent(f, "bob");
            String garbage = "v=banana\r\nm=audio not-a-port RTP/AVP x\r\n\u00e9\u0001\r\n";
            alice.offer(garbage);
            SipAgent.Call call = alice.call("bob");
            SipAgent.Incoming in = bob.awaitCall(5000);
            assertThat(in).isNotNull();
            assertThat(in.invite.body()).isEqualTo(garbage);
            in.reject(488, "Not Acceptable Here");
            assertThat(call.awaitFinal(5000).status()).isEqualTo(488);

            SipAgent mallory = new SipAgent(f.phone(f.client("UDP", "127.0.0.7"), "alice", "wrong-password-1"));
            for (int i = 0; i < 3; i++) {
                assertThat(mallory.call("bob").awaitFinal(5000).status()).isEqualTo(403);
            }
            SipMsg banned = mallory.call("bob", false, List.of()).awaitFinal(5000);
            assertThat(banned.status()).as("the guessing address is banned, not challenged").isEqualTo(403);
            assertThat(f.api.get("/api/relay/rest/sip_bans").body()).contains("127.0.0.7");
            SipAgent.Call real = alice.call("bob");
            assertThat(bob.awaitCall(5000)).as("the real phone still calls").isNotNull();
            real.cancel();
            assertThat(real.awaitFinal(5000).status()).isEqualTo(487);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void brokenDocumentsEndTheCallWithAReasonAndTheServerKeepsServing(Backend backend) {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer()) {
            String alice = f.endpoint("alice", PASSWORD);
            SipAgent a = agent(f, "alice");
            app.cxml("/big", "<Response>" + "<Pause length=\"0\"/>".repeat(700_000) + "</Response>");
            app.cxml("/invalid", "<Response><Dial>");
            app.cxml("/self", "<Response><Redirect>/self</Redirect></Response>");
            Map<String, String> cases = new java.util.LinkedHashMap<>();
            cases.put(app.url("/big"), "larger than 64 kB");
            cases.put(app.url("/invalid"), "");
            cases.put(app.url("/self"), "");
            cases.put("http://169.254.169.254/latest/meta-data", "");
            app.delay("/never", 5000);
            cases.put(app.url("/never") + "#ot=300&rt=300&tt=600", "");
            for (var c : cases.entrySet()) {
                var r = f.api.patch("/api/fabric/resources/sip_endpoints/" + alice, Map.of(
                        "call_handler", "laml_webhooks", "call_request_url", c.getKey()));
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
                SipMsg fin = a.call("bob").awaitFinal(20_000);
                assertThat(fin).as("a final answer for %s", c.getKey()).isNotNull();
                assertThat(fin.status()).as("%s", c.getKey()).isEqualTo(500);
                assertThat(fin.first("Reason")).as("%s", c.getKey()).isNotBlank();
            }
            assertThat(a.phone().register(600).status()).as("the server keeps serving").isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCallRoutedBackToThisServerEndsWithLoopDetected(Backend backend) {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer()) {
            String alice = f.endpoint("alice", PASSWORD);
            // the project's carrier is this server itself, and its number dials itself again
            String self = "sip:127.0.0.1:" + f.server.sipPorts().udp();
            String gateway = f.api.post("/api/fabric/resources/sip_gateways", Map.of("name", "Myself", "uri", self))
                    .json().get("id").asText();
            assertThat(f.api.put("/api/relay/rest/sip_profile", Map.of("pstn_gateway_id", gateway)).status())
                    .isEqualTo(200);
            app.cxml("/again", "<Response><Dial><Number>+15551234567</Number></Dial></Response>");
            assertThat(f.api.post("/api/relay/rest/phone_numbers", Map.of("number", "+15551234567",
                    "call_handler", "laml_webhooks", "call_request_url", app.url("/again"))).status()).isEqualTo(201);
            f.api.patch("/api/fabric/resources/sip_endpoints/" + alice, Map.of("call_handler", "passthrough"));
            SipAgent a = new SipAgent(f.phone(f.client("UDP", "127.0.0.2"), "alice", PASSWORD));
            a.register();
            SipMsg fin = a.call("+15551234567").awaitFinal(20_000);
            assertThat(fin.status()).isEqualTo(482);
            assertThat(app.requests("/again")).as("the loop ran a bounded number of times").hasSizeLessThan(4);
        }
    }
}
