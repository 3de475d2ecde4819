package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real, independent sipp (Debian sip-tester) registers endpoints made through the API, over UDP and TCP. */
class SippInteropTest {
    private static final int USERS = 20;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sippRegistersOverUdpAndTcpWithMd5Digest(Backend backend) throws Exception {
        String sipp = Peers.require("sipp");
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("sipp");
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            Path dir = Files.createTempDirectory("sipp");
            Path scenario = dir.resolve("register.xml");
            Files.copy(getClass().getResourceAsStream("/sipp/register-digest.xml"), scenario);
            List<String> ids = new ArrayList<>();
            StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
            for (int i = 0; i < USERS; i++) {
                String user = "sipp" + i;
                String password = "sipp-password-" + i + "-xyz";
                ids.add(api.post("/api/fabric/resources/sip_endpoints", Map.of("username", user, "password",
                        password)).json().get("id").asText());
                csv.append(user).append(';').append(domain).append(';').append(password).append('\n');
            }
            Path users = dir.resolve("users.csv");
            Files.writeString(users, csv.toString());

            for (String mode : List.of("u1", "t1")) {
                int port = server.sipPorts().udp();
                var result = Processes.run(List.of(sipp, "127.0.0.1:" + port, "-sf", scenario.toString(), "-inf",
                        users.toString(), "-i", "127.0.0.1", "-p", String.valueOf(freePort()), "-t", mode, "-m",
                        String.valueOf(USERS), "-r", "20", "-timeout", "30s", "-timeout_error", "-nostdin",
                        "-trace_err", "-error_file", dir.resolve("errors-" + mode + ".log").toString()), dir, 60);
                assertThat(result.exit()).as("sipp %s exit: %s%s", mode, result.output(),
                        readIfExists(dir.resolve("errors-" + mode + ".log"))).isZero();
                for (String id : ids) {
                    var data = api.get("/api/fabric/resources/sip_endpoints/" + id + "/registrations").json()
                            .get("data");
                    List<String> transports = data.findValuesAsText("transport");
                    assertThat(transports).contains(mode.startsWith("u") ? "udp" : "tcp");
                    assertThat(data.get(0).get("user_agent").asText()).isEqualTo("sipp");
                }
            }
        }
    }

    static String readIfExists(Path p) throws java.io.IOException {
        return Files.exists(p) ? Files.readString(p) : "";
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
