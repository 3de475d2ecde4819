package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipTestClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Status callbacks queued while their receiver is down survive kill -9 of the server: after a
 * restart each is delivered once, in order per call.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CallbackDurabilityProcessTest extends ProcessTestBase {
    private static final int CALLS = 3;
    private static final String PASSWORD = "correct-horse-battery";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void callbacksQueuedBeforeKillDashNineAreDeliveredAfterTheRestart(Backend backend) throws Exception {
        Map<String, String> settings = new HashMap<>(freshSettings(backend));
        int sipPort = SipyardProcess.freePort();
        settings.put("SIPYARD_SIP_ADDR", "127.0.0.1:" + sipPort);
        settings.put("SIPYARD_SIP_TLS_ADDR", "off");
        settings.put("SIPYARD_SIP_WS_ADDR", "off");
        settings.put("SIPYARD_SIP_WSS_ADDR", "off");
        settings.put("SIPYARD_WEBHOOK_RETRY_MAX", "1s");
        SipyardProcess.Result created = SipyardProcess.run(settings, logDir, "project", "create", "--name", "cb",
                "--json");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        JsonNode project = new ObjectMapper().readTree(created.stdout());
        String projectId = project.get("project_id").asText();
        String token = project.get("token").asText();
        int receiverPort = SipyardProcess.freePort();
        String statusUrl = "http://127.0.0.1:" + receiverPort + "/status";

        try (DocumentServer app = new DocumentServer()) {
            app.cxml("/voice", "<Response><Reject/></Response>");
            try (SipyardProcess server = SipyardProcess.serve(settings, logDir)) {
                ApiClient api = new ApiClient(server.baseUrl(), projectId, token);
                String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
                assertThat(api.post(ENDPOINTS, Map.of("username", "alice", "password", PASSWORD,
                        "call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                        "call_status_callback_url", statusUrl)).status()).isEqualTo(201);
                try (SipTestClient socket = SipTestClient.udp(sipPort)) {
                    SipAgent alice = new SipAgent(new SipPhone(socket, "alice", domain, PASSWORD));
                    alice.register();
                    for (int i = 0; i < CALLS; i++) {
                        assertThat(alice.call("anyone").awaitFinal(10_000).status()).isEqualTo(603);
                    }
                }
                // the receiver is down: every callback is still queued when the server dies
                server.kill();
            }
            try (SipyardProcess server = SipyardProcess.serve(settings, logDir);
                 DocumentServer receiver = new DocumentServer(receiverPort)) {
                receiver.cxml("/status", "<Response/>");
                List<DocumentServer.Received> got = receiver.awaitRequests("/status", CALLS * 2, 60_000);
                Map<String, List<String>> byCall = new LinkedHashMap<>();
                for (DocumentServer.Received r : got) {
                    byCall.computeIfAbsent(r.form().get("CallSid"), k -> new ArrayList<>())
                            .add(r.form().get("SequenceNumber") + ":" + r.form().get("CallStatus"));
                }
                assertThat(byCall).hasSize(CALLS);
                for (List<String> sequence : byCall.values()) {
                    assertThat(sequence).as("once each, in order").hasSize(2);
                    assertThat(sequence.get(0)).isEqualTo("0:initiated");
                    assertThat(sequence.get(1)).startsWith("1:");
                }
                assertThat(server.isAlive()).isTrue();
            }
        }
    }
}
