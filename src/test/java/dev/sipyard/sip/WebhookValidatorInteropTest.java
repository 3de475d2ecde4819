package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.SipAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every cXML webhook a real call makes (document, fallback, Dial action, status callbacks) passes
 * the official validator, {@code validateRequest} of npm {@code @signalwire/compatibility-api},
 * with the project's signing key as the API shows it.
 */
class WebhookValidatorInteropTest {
    private static final String PASSWORD = "correct-horse-battery";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyWebhookOfACallPassesTheOfficialValidator(Backend backend) throws Exception {
        String node = Peers.require("node");
        Path js = Peers.nodePackages();
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer()) {
            String alice = f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            app.status("/voice", 503);
            app.cxml("/fallback", "<Response><Dial timeout=\"5\" action=\"/after?x=1&amp;y=%C3%A9\"><Sip>sip:bob@"
                    + f.domain + "</Sip></Dial></Response>");
            app.cxml("/after", "<Response><Hangup/></Response>");
            app.cxml("/status", "<Response/>");
            f.api.patch("/api/fabric/resources/sip_endpoints/" + alice, Map.of("call_handler", "laml_webhooks",
                    "call_request_url", app.url("/voice"), "call_fallback_url", app.url("/fallback"),
                    "call_status_callback_url", app.url("/status")));
            SipAgent a = new SipAgent(f.phone(f.udp(), "alice", PASSWORD));
            a.register();
            SipAgent b = new SipAgent(f.phone(f.udp(), "bob", PASSWORD));
            b.register();
            SipAgent.Call call = a.call("bob");
            b.awaitCall(5000).reject(486, "Busy Here");
            assertThat(call.awaitFinal(10_000).status()).isEqualTo(603);
            app.awaitRequests("/status", 2, 10_000);

            List<Map<String, Object>> requests = new ArrayList<>();
            for (String path : List.of("/voice", "/fallback", "/after", "/status")) {
                for (DocumentServer.Received r : app.requests(path)) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("url", app.url(r.path()) + (r.query() == null ? "" : "?" + r.query()));
                    one.put("signature", r.headers().get("x-signalwire-signature"));
                    one.put("params", r.form());
                    requests.add(one);
                }
            }
            assertThat(requests).hasSizeGreaterThanOrEqualTo(5);
            String key = f.api.get("/api/relay/rest/signing_key").json().get("signing_key").asText();
            Path file = Files.createTempFile("webhooks", ".json");
            Files.writeString(file, new ObjectMapper().writeValueAsString(Map.of("key", key, "requests", requests)));
            var result = Processes.run(List.of(node, "validate.js", file.toString()), js, 60);
            assertThat(result.exit()).as("validateRequest: %s", result.output()).isZero();
            assertThat(result.output()).contains("\"valid\":" + requests.size());
        }
    }
}
