package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Await;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipTestClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Calls to and from a carrier: PSTN legs relayed to the project's gateway, and calls arriving at its numbers. */
class CarrierCallTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String CARRIER_IP = "127.0.0.5";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aPstnCallIsRelayedToTheGatewayWhichChallengesAndIsAnswered(Backend backend) throws Exception {
        try (SipFixture f = new SipFixture(backend)) {
            String alice = f.endpoint("alice", PASSWORD);
            SipTestClient carrierSocket = f.client("UDP", CARRIER_IP);
            SipAgent carrier = new SipAgent(new SipPhone(carrierSocket, "carrier", "carrier.example", "unused"));
            String gateway = f.api.post("/api/fabric/resources/sip_gateways", Map.of("name", "Carrier",
                    "uri", "sip:" + CARRIER_IP + ":" + carrierSocket.localPort(), "username", "acme-trunk",
                    "password", "trunk-secret-77")).json().get("id").asText();
            assertThat(f.api.put("/api/relay/rest/sip_profile", Map.of("pstn_gateway_id", gateway)).status())
                    .isEqualTo(200);
            assertThat(f.api.post("/api/relay/rest/phone_numbers", Map.of("number", "+15551234567")).status())
                    .isEqualTo(201);
            f.api.patch("/api/fabric/resources/sip_endpoints/" + alice, Map.of("call_handler", "passthrough",
                    "caller_id", "Alice Smith", "send_as", "+15551234567"));
            SipAgent phone = new SipAgent(f.phone(f.udp(), "alice", PASSWORD));
            phone.register();

            SipAgent.Call call = phone.call("+1-555-999-8888");
            SipMsg first = carrier.awaitRequest("INVITE", 5000);
            assertThat(first).as("the gateway receives the PSTN leg").isNotNull();
            assertThat(first.uri()).startsWith("sip:+15559998888@" + CARRIER_IP);
            assertThat(first.first("From")).contains("Alice Smith").contains("+15551234567");
            String nonce = "carrier-nonce-1";
            carrier.respond(first, 407, "Proxy Authentication Required", "gw1", false,
                    List.of("Proxy-Authenticate: Digest realm=\"carrier\", nonce=\"" + nonce + "\", qop=\"auth\""));
            SipMsg ack = carrier.awaitRequest("ACK", 5000);
            assertThat(ack).as("the 407 is acknowledged").isNotNull();
            SipMsg second = carrier.awaitRequest("INVITE", 5000);
            assertThat(second).as("the INVITE comes again with credentials").isNotNull();
            Map<String, String> auth = SipPhone.params(second.first("Proxy-Authorization"));
            assertThat(auth).containsEntry("username", "acme-trunk").containsEntry("realm", "carrier");
            String ha1 = md5("acme-trunk:carrier:trunk-secret-77");
            String ha2 = md5("INVITE:" + auth.get("uri"));
            assertThat(auth.get("response")).isEqualTo(md5(ha1 + ":" + nonce + ":" + auth.get("nc") + ":"
                    + auth.get("cnonce") + ":auth:" + ha2));
            carrier.respond(second, 200, "OK", "gw1", true, List.of());
            assertThat(call.awaitFinal(5000).status()).isEqualTo(200);
            call.ack();
            assertThat(carrier.awaitRequest("ACK", 5000)).as("the caller's ACK reaches the carrier").isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCallFromTheCarrierToANumberRingsItsEndpointAndOtherSourcesAreRefused(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String bob = f.endpoint("bob", PASSWORD);
            SipTestClient carrierSocket = f.client("UDP", CARRIER_IP);
            f.api.post("/api/fabric/resources/sip_gateways", Map.of("name", "Carrier",
                    "uri", "sip:" + CARRIER_IP + ":5060"));
            var number = f.api.post("/api/relay/rest/phone_numbers", Map.of("number", "+15551234567",
                    "call_handler", "relay_sip_endpoint", "call_sip_endpoint_id", bob));
            assertThat(number.status()).as(number.toString()).isEqualTo(201);
            SipAgent phone = new SipAgent(f.phone(f.udp(), "bob", PASSWORD));
            phone.register();
            SipAgent carrier = new SipAgent(new SipPhone(carrierSocket, "+15550001111", "carrier.example", "x"));

            SipAgent.Call in = carrier.call("sip:+15551234567@127.0.0.1", false, List.of());
            SipAgent.Incoming ringing = phone.awaitCall(5000);
            assertThat(ringing).as("the number's endpoint rings").isNotNull();
            ringing.answer();
            assertThat(in.awaitFinal(5000).status()).isEqualTo(200);
            in.ack();
            assertThat(ringing.awaitAck(5000)).isNotNull();

            String log = "/api/laml/2010-04-01/Accounts/" + f.api.credentials()[0] + "/Calls.json";
            Await.until("the call in the log", () -> f.api.get(log).json().get("calls").size() > 0);
            var calls = f.api.get(log);
            assertThat(calls.json().get("calls").get(0).get("to").asText()).isEqualTo("+15551234567");
            assertThat(calls.json().get("calls").get(0).get("from").asText()).isEqualTo("+15550001111");

            SipAgent stranger = new SipAgent(new SipPhone(f.client("UDP", "127.0.0.9"), "+15550001111",
                    "carrier.example", "x"));
            SipMsg refused = stranger.call("sip:+15551234567@127.0.0.1", false, List.of()).awaitFinal(5000);
            assertThat(refused.status()).as("a call to a number from an unknown address").isEqualTo(403);
        }
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

}
