package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.Peers;
import dev.sipyard.testing.Processes;
import dev.sipyard.testing.TestServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The web console end to end, in Debian's headless chromium driven by playwright-core
 * (src/test/js/console.js): sign in (a wrong token refused on the form, then with the keyboard
 * alone), a weak password refused with the API's message beside the field, an endpoint created,
 * its QR code decoded by zbarimg, a sipp registration appearing by itself, a sipp test call
 * appearing in the call log with its routing decision, a password reset, a ban (wrong passwords
 * from sipp) lifted, a phone-sized screen, a delete. Screenshots go to target/console-screenshots/. One database is enough: the console
 * only calls the API, whose routes are tested on both.
 */
class ConsoleBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots").toAbsolutePath();

    @Test
    void aUserManagesAnEndpointAndSeesItsRegistrationAndCallsInTheConsole() throws Exception {
        String node = Peers.require("node");
        String chromium = Peers.require("chromium");
        String sipp = Peers.require("sipp");
        String zbarimg = Peers.require("zbarimg");
        Path js = Peers.requireDir(Path.of("src/test/js/node_modules/playwright-core").toAbsolutePath(),
                "playwright-core (run npm ci in src/test/js)").getParent().getParent();
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("SIPYARD_SIP_GUARD_THRESHOLD", "3"))) {
            ApiClient api = server.newProject("console");
            String[] credentials = api.credentials();
            Path work = Files.createTempDirectory("console-e2e");
            copy("/sipp/register-digest.xml", work.resolve("register.xml"));
            Files.writeString(work.resolve("call.xml"), resource("/sipp/call-refused.xml")
                    .replace("EXPECTED_STATUS", "404"));

            var run = Processes.run(List.of(node, "console.js", server.baseUrl(), credentials[0], credentials[1],
                    chromium, sipp, String.valueOf(server.sipPorts().udp()), work.toString(), SCREENSHOTS.toString()),
                    js, 90);
            assertThat(run.exit()).as(run.output()).isZero();
            assertThat(run.output()).doesNotContain(credentials[1]);
            String line = run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no JSON from console.js: " + run.output()));
            JsonNode out = new ObjectMapper().readTree(line);
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();

            assertThat(out.get("problems")).as("page errors and CSP violations").isEmpty();
            assertThat(out.get("url").asText()).isEqualTo(server.baseUrl() + "/console/");
            assertThat(out.get("csp").asText()).isEqualTo(ConsoleRoutes.CONTENT_SECURITY_POLICY);
            assertThat(out.get("signInError").asText()).isEqualTo("The server does not accept this project id and token.");
            assertThat(out.get("tokenInLocalStorage").asBoolean()).isFalse();
            assertThat(out.get("passwordError").asText()).isEqualTo("password must not contain the username.");
            assertThat(out.get("passwordInvalid").asText()).isEqualTo("true");
            assertThat(out.get("heading").asText()).isEqualTo("Endpoint alice");
            assertThat(out.get("domain").asText()).isEqualTo(domain);
            assertThat(out.get("accountUri").asText()).isEqualTo("sip:alice@" + domain);
            assertThat(out.get("registration").asText()).contains("UDP").contains("sipp").contains("127.0.0.1");
            assertThat(out.get("callRow").asText()).contains("alice").contains("nobody-here").contains("404");
            assertThat(out.get("decision").asText()).isNotBlank().isNotEqualTo("(none recorded)");
            assertThat(out.get("newPasswordLength").asInt()).isEqualTo(20);
            assertThat(out.get("banRow").asText()).startsWith("127.0.0.1").contains("Lift");
            assertThat(api.get("/api/relay/rest/sip_bans").json().get("data")).as("lifted in the console").isEmpty();
            assertThat(out.get("profileDomain").asText()).isEqualTo(domain);
            assertThat(out.get("phoneOverflow").asInt()).as("page wider than a 375 px screen").isLessThanOrEqualTo(0);
            for (JsonNode shot : out.get("screenshots")) {
                assertThat(Path.of(shot.asText())).isNotEmptyFile();
            }

            var decoded = Processes.run(List.of(zbarimg, "-q", "--raw", out.get("qrPng").asText()), work, 30);
            assertThat(decoded.exit()).as(decoded.output()).isZero();
            assertThat(decoded.output().lines().filter(l -> l.startsWith("sip:")).toList())
                    .containsExactly("sip:alice@" + domain);
            assertThat(api.get("/api/fabric/resources/sip_endpoints").json().get("data")).isEmpty();
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = ConsoleBrowserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void copy(String name, Path to) throws Exception {
        Files.writeString(to, resource(name));
    }
}
