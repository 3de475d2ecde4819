package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JsSIP (npm), the browser phone library, registers over ws and wss; node runs it (src/test/js). */
class JssipInteropTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void jssipRegistersOverWebSocketAndSecureWebSocket(Backend backend) throws Exception {
        String node = Peers.require("node");
        Path js = Peers.requireDir(Path.of("src/test/js/node_modules/jssip").toAbsolutePath(),
                "jssip (run npm ci in src/test/js)").getParent().getParent();
        try (TestServer server = TestServer.start(backend, TestServer.ALL_SIP_LISTENERS)) {
            ApiClient api = server.newProject("jssip");
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            var ports = server.sipPorts();
            for (String scheme : List.of("ws", "wss")) {
                String user = "browser-" + scheme;
                String password = "jssip-secret-" + scheme + "-77";
                String id = api.post("/api/fabric/resources/sip_endpoints", Map.of("username", user, "password",
                        password)).json().get("id").asText();
                int port = scheme.equals("ws") ? ports.ws() : ports.wss();
                List<String> cmd = new ArrayList<>(List.of("env", "NODE_EXTRA_CA_CERTS="
                        + server.dataDir().resolve("sip-tls-cert.pem"), node, "register.js",
                        scheme + "://127.0.0.1:" + port, "sip:" + user + "@" + domain, password));
                var result = Processes.run(cmd, js, 30);
                assertThat(result.output()).as(scheme).contains("REGISTERED 200");
                assertThat(result.exit()).isZero();
                var data = api.get("/api/fabric/resources/sip_endpoints/" + id + "/registrations").json().get("data");
                assertThat(data).hasSize(1);
                assertThat(data.get(0).get("transport").asText()).isEqualTo(scheme);
                assertThat(data.get(0).get("user_agent").asText()).startsWith("JsSIP");
                assertThat(data.get(0).get("contact").asText()).contains("transport=ws");
            }
            // a wrong password is refused, as for any phone
            String id = api.post("/api/fabric/resources/sip_endpoints", Map.of("username", "browser-bad",
                    "password", "the-right-one-123")).json().get("id").asText();
            var bad = Processes.run(List.of(node, "register.js", "ws://127.0.0.1:" + ports.ws(),
                    "sip:browser-bad@" + domain, "not-the-right-one"), js, 30);
            assertThat(bad.output()).contains("FAILED");
            assertThat(api.get("/api/fabric/resources/sip_endpoints/" + id + "/registrations").json().get("data"))
                    .isEmpty();
        }
    }
}
