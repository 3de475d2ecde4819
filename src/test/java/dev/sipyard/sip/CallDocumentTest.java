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

/** Calls whose endpoint's handler fetches a cXML or SWML document from the customer's application. */
class CallDocumentTest {
    private static final String PASSWORD = "correct-horse-battery";

    private static SipAgent agent(SipFixture f, String user) {
        return f.registeredAgent(f.udp(), user, PASSWORD);
    }

    private static void handler(SipFixture f, String endpointId, Map<String, Object> fields) {
        f.patchEndpoint(endpointId, fields);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCxmlDialThatFailsRunsItsActionWithTheDialStatusAndStatusCallbacksArriveInOrder(Backend backend) {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer()) {
            String alice = f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            app.cxml("/voice", "<Response><Dial timeout=\"5\" action=\"/after\"><Sip>sip:bob@" + f.domain
                    + "</Sip></Dial></Response>");
            app.cxml("/after", "<Response><Reject reason=\"busy\"/></Response>");
            app.cxml("/status", "<Response/>");
            handler(f, alice, Map.of("call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                    "call_status_callback_url", app.url("/status")));
            SipAgent a = agent(f, "alice");
            SipAgent b = agent(f, "bob");

            SipAgent.Call call = a.call("bob");
            SipAgent.Incoming in = b.awaitCall(5000);
            assertThat(in).as("the document's <Dial> rings bob").isNotNull();
            in.reject(486, "Busy Here");
            SipMsg fin = call.awaitFinal(10_000);
            assertThat(fin.status()).as("the action's <Reject reason=busy>").isEqualTo(486);

            DocumentServer.Received fetch = app.requests("/voice").get(0);
            assertThat(fetch.method()).isEqualTo("POST");
            assertThat(fetch.form()).containsEntry("AccountSid", f.api.credentials()[0])
                    .containsEntry("CallStatus", "ringing").containsEntry("Direction", "inbound")
                    .containsEntry("ApiVersion", "2010-04-01").containsKey("CallSid").containsKey("SipCallId");
            assertThat(fetch.form().get("From")).contains("alice");
            assertThat(fetch.headers()).containsKey("x-signalwire-signature");
            DocumentServer.Received after = app.awaitRequests("/after", 1, 5000).get(0);
            assertThat(after.form()).containsEntry("DialCallStatus", "busy")
                    .containsEntry("CallSid", fetch.form().get("CallSid"));

            List<DocumentServer.Received> callbacks = app.awaitRequests("/status", 2, 10_000);
            assertThat(callbacks).extracting(r -> r.form().get("CallStatus")).startsWith("initiated");
            assertThat(callbacks.get(callbacks.size() - 1).form().get("CallStatus")).isEqualTo("busy");
            assertThat(callbacks).extracting(r -> r.form().get("SequenceNumber")).isSorted();

            var logged = f.api.get("/api/voice/logs/" + fetch.form().get("CallSid") + "/events");
            assertThat(logged.status()).isEqualTo(200);
            assertThat(logged.body()).contains("fetch").contains("decision");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingDocumentFallsBackAndAnUnsupportedVerbIsRefusedByName(Backend backend) {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer()) {
            String alice = f.endpoint("alice", PASSWORD);
            app.status("/voice", 500);
            app.cxml("/fallback", "<Response><Enqueue>support</Enqueue></Response>");
            handler(f, alice, Map.of("call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                    "call_fallback_url", app.url("/fallback")));
            SipAgent a = agent(f, "alice");

            SipMsg fin = a.call("anyone").awaitFinal(10_000);
            assertThat(fin.status()).isEqualTo(501);
            assertThat(fin.first("Reason")).contains("Enqueue");
            DocumentServer.Received fallback = app.awaitRequests("/fallback", 1, 5000).get(0);
            assertThat(fallback.form()).containsEntry("ErrorCode", "11200").containsKey("ErrorUrl");

            app.cxml("/fallback", "<Response><Hangup/></Response>");
            assertThat(a.call("anyone").awaitFinal(10_000).status()).isEqualTo(603);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSwmlScriptConnectsTheCall(Backend backend) {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer()) {
            String alice = f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            app.json("/swml", "{\"version\":\"1.0.0\",\"sections\":{\"main\":[{\"connect\":{\"to\":\"sip:bob@"
                    + f.domain + "\",\"timeout\":5}}]}}");
            handler(f, alice, Map.of("call_handler", "relay_script", "call_relay_script_url", app.url("/swml")));
            SipAgent a = agent(f, "alice");
            SipAgent b = agent(f, "bob");

            SipAgent.Call call = a.call("whatever");
            SipAgent.Incoming in = b.awaitCall(5000);
            assertThat(in).as("SWML connect rings bob").isNotNull();
            in.answer();
            assertThat(call.awaitFinal(5000).status()).isEqualTo(200);
            call.ack();
            assertThat(in.awaitAck(5000)).isNotNull();
            DocumentServer.Received fetch = app.requests("/swml").get(0);
            assertThat(fetch.body()).contains("\"call\"").contains("\"call_id\"");
            assertThat(fetch.headers()).containsKey("x-signalwire-signature");
            Thread answer = Thread.ofVirtual().start(() -> b.respond(in.awaitRequest("BYE", 5000), 200, "OK", null,
                    false));
            assertThat(call.bye().status()).isEqualTo(200);
            try {
                answer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void policiesDecidePstnCalls(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String alice = f.endpoint("alice", PASSWORD);
            SipAgent a = agent(f, "alice");
            handler(f, alice, Map.of("call_handler", "block-pstn"));
            SipMsg blocked = a.call("+15551234567").awaitFinal(5000);
            assertThat(blocked.status()).isEqualTo(403);
            assertThat(blocked.first("Reason")).contains("PSTN calls are blocked");
            handler(f, alice, Map.of("call_handler", "passthrough"));
            SipMsg noGateway = a.call("+1-555-123-4567").awaitFinal(5000);
            assertThat(noGateway.status()).isEqualTo(503);
            handler(f, alice, Map.of("call_handler", "dialogflow", "call_dialogflow_agent_id", "agent-1"));
            SipMsg unsupported = a.call("+15551234567").awaitFinal(5000);
            assertThat(unsupported.status()).isEqualTo(501);
            assertThat(unsupported.first("Reason")).contains("dialogflow");
        }
    }
}
