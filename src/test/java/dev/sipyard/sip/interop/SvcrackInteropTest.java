package dev.sipyard.sip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipTestClient;
import dev.sipyard.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real password-guessing tool (sipvicious' svcrack) against an endpoint: it is banned after the
 * threshold, never finds the password, and the real device on another address keeps registering.
 */
class SvcrackInteropTest {
    private static final String PASSWORD = "the-real-secret-2718";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void svcrackIsBannedWhileTheRealDeviceKeepsRegistering(Backend backend) throws Exception {
        String svcrack = Peers.require("svcrack");
        try (TestServer server = TestServer.start(backend);
             SipTestClient device = SipTestClient.of("UDP", "127.0.0.2", server.sipPorts().udp())) {
            ApiClient api = server.newProject("victim");
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            api.post("/api/fabric/resources/sip_endpoints", Map.of("username", "4711", "password", PASSWORD));
            SipPhone real = new SipPhone(device, "4711", domain, PASSWORD);
            assertThat(real.register(600).status()).isEqualTo(200);

            Path dir = Files.createTempDirectory("svcrack");
            List<String> guesses = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                guesses.add("guess" + i);
            }
            guesses.add(PASSWORD); // it would find it, were it not banned by then
            Files.write(dir.resolve("dict.txt"), guesses);
            int port = server.sipPorts().udp();
            Path log = dir.resolve("svcrack.log");
            // svcrack keeps knocking after the ban (every answer is 403), so stop it once the ban shows
            Process p = Processes.start(List.of(svcrack, "-u", "4711", "-d", dir.resolve("dict.txt").toString(),
                    "-b", "127.0.0.1", "--maximumtime", "5", "-t", "0.02", "udp://127.0.0.1:" + port), dir, log);
            var bans = api.get("/api/relay/rest/sip_bans").json().get("data");
            try {
                long deadline = System.currentTimeMillis() + 30_000;
                while (bans.isEmpty() && p.isAlive() && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                    bans = api.get("/api/relay/rest/sip_bans").json().get("data");
                }
                Thread.sleep(1000); // let it try the rest, the right password included
            } finally {
                Processes.stop(p);
            }
            String output = Files.readString(log);
            assertThat(output).doesNotContain(PASSWORD);
            assertThat(bans).as(output).hasSize(1);
            assertThat(bans.get(0).get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(bans.get(0).get("failures").asInt()).isGreaterThanOrEqualTo(10);
            assertThat(real.register(600).status()).isEqualTo(200);
        }
    }
}
