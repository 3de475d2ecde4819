package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real baresip (Debian baresip-core) registers one account each over UDP, TCP and TLS. */
class BaresipInteropTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void baresipRegistersOverUdpTcpAndTls(Backend backend) throws Exception {
        String baresip = Peers.require("baresip");
        try (TestServer server = TestServer.start(backend, TestServer.ALL_SIP_LISTENERS)) {
            ApiClient api = server.newProject("baresip");
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            var ports = server.sipPorts();
            Map<String, String> outbound = new LinkedHashMap<>();
            outbound.put("udp", "sip:127.0.0.1:" + ports.udp());
            outbound.put("tcp", "sip:127.0.0.1:" + ports.tcp() + ";transport=tcp");
            outbound.put("tls", "sip:127.0.0.1:" + ports.tls() + ";transport=tls");

            Path dir = Files.createTempDirectory("baresip");
            StringBuilder accounts = new StringBuilder();
            Map<String, String> ids = new LinkedHashMap<>();
            for (var e : outbound.entrySet()) {
                String user = "bare-" + e.getKey();
                String password = "baresip-secret-" + e.getKey() + "-42";
                ids.put(e.getKey(), api.post("/api/fabric/resources/sip_endpoints",
                        Map.of("username", user, "password", password)).json().get("id").asText());
                accounts.append("<sip:").append(user).append('@').append(domain).append(">;auth_pass=")
                        .append(password).append(";outbound=\"").append(e.getValue())
                        .append("\";regint=600\n");
            }
            Files.writeString(dir.resolve("accounts"), accounts.toString());
            Files.writeString(dir.resolve("config"), String.join("\n",
                    "poll_method epoll",
                    "sip_listen 127.0.0.1:0", // baresip picks free ports itself: no window in which another process takes one
                    "sip_cafile " + server.dataDir().resolve("sip-tls-cert.pem"),
                    "module_path /usr/lib/baresip/modules",
                    "module g711.so",
                    "module_app account.so",
                    "audio_player nothing,nothing",
                    "audio_source nothing,nothing",
                    "") + "\n");
            Process p = Processes.start(List.of(baresip, "-f", dir.toString(), "-t", "30"), dir,
                    dir.resolve("baresip.log"));
            try {
                Map<String, String> seen = new LinkedHashMap<>();
                long deadline = System.currentTimeMillis() + 15_000;
                while (seen.size() < 3 && System.currentTimeMillis() < deadline) {
                    for (var e : ids.entrySet()) {
                        var data = api.get("/api/fabric/resources/sip_endpoints/" + e.getValue() + "/registrations")
                                .json().get("data");
                        if (!data.isEmpty()) {
                            seen.put(e.getKey(), data.get(0).get("transport").asText() + " "
                                    + data.get(0).get("user_agent").asText());
                        }
                    }
                    Thread.sleep(200);
                }
                assertThat(seen).as(Files.readString(dir.resolve("baresip.log"))).hasSize(3);
                seen.forEach((transport, what) -> assertThat(what).startsWith(transport + " ").containsIgnoringCase(
                        "baresip"));
            } finally {
                Processes.stop(p);
            }
        }
    }
}
