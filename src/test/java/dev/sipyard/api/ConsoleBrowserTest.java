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
 * from sipp) lifted, a phone-sized screen, a delete. Then with the keyboard alone: an endpoint
 * created (through an inline validation error), opened from the list, edited (through another),
 * its phone settings opened and closed, and deleted with confirmation, with focus where a user
 * expects it and shown. Then resources: a cXML webhook created on a phone-sized screen (through
 * the API's message for a bad URL), opened from the list and edited, its stored values read back
 * through the API; a cXML application (through its missing name); a SIP gateway whose password never comes back into the page and survives an
 * edit with the field left empty; a SWML webhook created and deleted with the keyboard alone.
 * Last, the console and the API docs behind a reverse proxy that serves
 * sipyard under a path prefix. The phone settings show the server's real listeners and ports.
 * Screenshots go to target/console-screenshots/. One database is enough: the console only calls
 * the API, whose routes are tested on both.
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
        int proxyPort = freePort();
        String prefix = "/voice";
        try (TestServer server = TestServer.start(Backend.SQLITE, Map.of("SIPYARD_SIP_GUARD_THRESHOLD", "3",
                "SIPYARD_SIP_WS_ADDR", "127.0.0.1:0", "SIPYARD_PUBLIC_URL", "http://127.0.0.1:" + proxyPort + prefix))) {
            ApiClient api = server.newProject("console");
            String[] credentials = api.credentials();
            Path work = Files.createTempDirectory("console-e2e");
            copy("/sipp/register-digest.xml", work.resolve("register.xml"));
            Files.writeString(work.resolve("call.xml"), resource("/sipp/call-refused.xml")
                    .replace("EXPECTED_STATUS", "404"));

            var run = Processes.run(List.of(node, "console.js", server.baseUrl(), credentials[0], credentials[1],
                    chromium, sipp, String.valueOf(server.sipPorts().udp()), work.toString(), SCREENSHOTS.toString(),
                    String.valueOf(proxyPort), prefix), js, 150);
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
            var ports = server.sipPorts();
            List<String> servers = List.of("UDP: 127.0.0.1:" + ports.udp(), "TCP: 127.0.0.1:" + ports.tcp(),
                    "WS: ws://127.0.0.1:" + ports.ws());
            assertThat(texts(out.get("phoneServers"))).as("the real listeners; TLS and WSS are off").isEqualTo(servers);
            assertThat(out.get("phoneText").asText()).contains(servers.stream().map(s -> "Server " + s).toList());
            assertThat(out.get("registration").asText()).contains("UDP").contains("sipp").contains("127.0.0.1");
            assertThat(out.get("callRow").asText()).contains("alice").contains("nobody-here").contains("404");
            assertThat(out.get("decision").asText()).isNotBlank().isNotEqualTo("(none recorded)");
            assertThat(out.get("newPasswordLength").asInt()).isEqualTo(20);
            assertThat(out.get("banRow").asText()).startsWith("127.0.0.1").contains("Lift");
            assertThat(api.get("/api/relay/rest/sip_bans").json().get("data")).as("lifted in the console").isEmpty();
            assertThat(out.get("profileDomain").asText()).isEqualTo(domain);
            assertThat(out.get("phoneOverflow").asInt()).as("page wider than a 375 px screen").isLessThanOrEqualTo(0);
            assertKeyboardOnly(out.get("keyboard"), servers);
            assertResources(out.get("resources"), api);
            assertThat(run.output()).as("the gateway password is never printed").doesNotContain("Gateway-Secret");
            assertBehindPrefix(out.get("prefixed"), prefix, domain, proxyPort);
            for (JsonNode shot : out.get("screenshots")) {
                assertThat(Path.of(shot.asText())).isNotEmptyFile();
            }

            var decoded = Processes.run(List.of(zbarimg, "-q", "--raw", out.get("qrPng").asText()), work, 30);
            assertThat(decoded.exit()).as(decoded.output()).isZero();
            assertThat(decoded.output().lines().filter(l -> l.startsWith("sip:")).toList()).containsExactly(
                    "sip:alice@" + domain, "sip:127.0.0.1:" + ports.udp() + ";transport=udp",
                    "sip:127.0.0.1:" + ports.tcp() + ";transport=tcp", "sip:127.0.0.1:" + ports.ws() + ";transport=ws");
            assertThat(api.get("/api/fabric/resources/sip_endpoints").json().get("data")).isEmpty();
        }
    }

    /** Every step of keyboardOnly in console.js: where focus went, and that it was shown. */
    private static void assertKeyboardOnly(JsonNode kb, List<String> servers) {
        assertThat(kb.get("mouseClicks").asInt()).as("clicks with the mouse in the keyboard-only part").isZero();
        assertFocus(kb, "newForm", "h1", "", "New SIP endpoint", false);
        assertFocus(kb, "afterUsername", "input", "ep-password", "", false);
        assertThat(kb.get("passwordError").asText()).isEqualTo("password must not contain the username.");
        assertFocus(kb, "passwordErrorFocus", "input", "ep-password", "", false);
        assertFocus(kb, "created", "h1", "", "Endpoint bob", false);
        assertFocus(kb, "list", "h1", "", "SIP endpoints", false);
        assertFocus(kb, "opened", "h1", "", "Endpoint bob", false);
        assertThat(kb.get("codecsError").asText()).as("the API's message beside the field")
                .startsWith("'NOPE' is not a valid value for codecs");
        assertFocus(kb, "codecsErrorFocus", "input", "ep-codecs", "", false);
        assertFocus(kb, "saved", "h1", "", "Endpoint bob", false);
        assertThat(kb.get("savedCodecs").asText()).isEqualTo("PCMU");
        assertThat(kb.get("savedInvalid").isNull()).as("no longer marked invalid").isTrue();
        assertFocus(kb, "phoneOpen", "h2", "phone-title", "Phone settings for bob", true);
        assertThat(texts(kb.get("phoneServers"))).isEqualTo(servers);
        assertFocus(kb, "phoneTab1", "button", "", "Copy settings", true);
        assertFocus(kb, "phoneTab2", "button", "", "Close", true);
        assertFocus(kb, "phoneClosed", "button", "phone-open", "Phone settings", false);
        assertFocus(kb, "confirmOpen", "button", "", "Cancel", true);
        assertFocus(kb, "confirmCancelled", "button", "delete-endpoint", "Delete endpoint", false);
        assertFocus(kb, "confirmAction", "button", "", "Delete", true);
        assertFocus(kb, "deleted", "h1", "", "SIP endpoints", false);
    }

    private static void assertFocus(JsonNode kb, String step, String tag, String id, String text, boolean inDialog) {
        JsonNode f = kb.get(step);
        assertThat(f).as(step).isNotNull();
        assertThat(f.get("tag").asText()).as(step + ": " + f).isEqualTo(tag);
        assertThat(f.get("id").asText()).as(step + ": " + f).isEqualTo(id);
        assertThat(f.get("text").asText()).as(step + ": " + f).isEqualTo(text);
        assertThat(f.get("inDialog").asBoolean()).as(step + " in a dialog: " + f).isEqualTo(inDialog);
        assertThat(f.get("visible").asBoolean()).as(step + ": focus shown: " + f).isTrue();
    }

    /** The resources console.js created and edited, as the API holds them; a gateway password never shown. */
    private static void assertResources(JsonNode r, ApiClient api) {
        assertThat(r.get("urlError").asText()).as("the API's message beside the field")
                .isEqualTo("primary_request_url must be an absolute http or https URL.");
        assertThat(r.get("urlInvalid").asText()).isEqualTo("true");
        assertThat(r.get("urlErrorFocus").asText()).isEqualTo("res-primary_request_url");
        assertThat(r.get("phoneOverflow").asInt()).as("resource form wider than a 375 px screen").isLessThanOrEqualTo(0);
        assertThat(r.get("webhookSaved").asText()).isEqualTo("cXML webhook Night desk saved.");
        JsonNode webhook = api.get("/api/fabric/resources/cxml_webhooks/" + r.get("webhookId").asText()).json();
        assertThat(webhook.get("display_name").asText()).isEqualTo("Night desk");
        JsonNode hook = webhook.get("cxml_webhook");
        assertThat(hook.get("name").asText()).isEqualTo("Night desk");
        assertThat(hook.get("used_for").asText()).isEqualTo("calling");
        assertThat(hook.get("primary_request_url").asText()).isEqualTo("https://example.com/desk.xml");
        assertThat(hook.get("primary_request_method").asText()).isEqualTo("GET");
        assertThat(hook.get("fallback_request_url").asText()).isEqualTo("https://example.com/fallback.xml");
        assertThat(hook.get("status_callback_url").isNull()).isTrue();

        assertThat(r.get("appNameError").asText()).isEqualTo("friendly_name is required.");
        assertThat(r.get("appErrorFocus").asText()).isEqualTo("res-friendly_name");
        JsonNode app = api.get("/api/fabric/resources/cxml_applications/" + r.get("appId").asText()).json()
                .get("cxml_application");
        assertThat(app.get("friendly_name").asText()).isEqualTo("Main menu");
        assertThat(app.get("voice_url").asText()).isEqualTo("https://example.com/app.xml");
        assertThat(app.get("voice_method").asText()).isEqualTo("POST");

        assertThat(r.get("gatewayPasswordValue").asText()).isEmpty();
        assertThat(r.get("gatewayPasswordShown").asBoolean()).as("password in the page after create").isFalse();
        assertThat(r.get("gatewayPasswordShownAfterEdit").asBoolean()).as("password in the page after edit").isFalse();
        assertThat(r.get("gatewayPasswordHint").asText()).isEqualTo("A password is set. Write-only: leave empty to keep it.");
        assertThat(r.get("gatewayPasswordHintAfterEdit").asText()).isEqualTo(r.get("gatewayPasswordHint").asText());
        assertThat(r.get("gatewayUri").asText()).isEqualTo("sip:carrier.example.com:5080");
        var gatewayResponse = api.get("/api/fabric/resources/sip_gateways/" + r.get("gatewayId").asText());
        JsonNode gateway = gatewayResponse.json().get("sip_gateway");
        assertThat(gateway.get("name").asText()).isEqualTo("Carrier");
        assertThat(gateway.get("uri").asText()).isEqualTo("sip:carrier.example.com:5080");
        assertThat(gateway.get("username").asText()).isEqualTo("acme");
        assertThat(gateway.get("password_set").asBoolean()).as("kept by an edit with an empty password field").isTrue();
        assertThat(gatewayResponse.body()).doesNotContain("Gateway-Secret");
        assertThat(r.get("gatewayPasswordChange").asText()).as("a new password alone: %s",
                r.get("gatewayPasswordChangeErrors")).isEqualTo("SIP gateway Carrier saved.");
        assertThat(r.get("gatewayPasswordShownAfterChange").asBoolean()).isFalse();

        String hookUrl = "https://example.com/keyboard.swml";
        assertThat(r.get("keyboardMouseClicks").asInt()).as("mouse clicks in the keyboard-only part").isZero();
        assertFocus(r, "keyboardNewForm", "h1", "", "New SWML webhook", false);
        assertFocus(r, "keyboardCreated", "h1", "", "SWML webhook " + hookUrl, false);
        assertFocus(r, "keyboardDeleted", "h1", "", "Resources", false);
        assertThat(r.get("keyboardListAfterDelete").asText()).contains("Night desk", "Carrier").doesNotContain(hookUrl);
        assertThat(api.get("/api/fabric/resources/swml_webhooks").json().get("data")).as("deleted in the console").isEmpty();
        assertThat(r.get("phoneListOverflow").asInt()).as("resource list wider than a 375 px screen").isLessThanOrEqualTo(0);
    }

    /** The console and the docs through a proxy that serves sipyard under the prefix only. */
    private static void assertBehindPrefix(JsonNode p, String prefix, String domain, int proxyPort) {
        assertThat(p.get("problems")).as("page errors behind the prefix").isEmpty();
        assertThat(p.get("url").asText()).isEqualTo("http://127.0.0.1:" + proxyPort + prefix + "/console/");
        assertThat(p.get("profileDomain").asText()).isEqualTo(domain);
        assertThat(p.get("docsUrl").asText()).isEqualTo("http://127.0.0.1:" + proxyPort + prefix + "/api/docs");
        assertThat(p.get("docsOperations").asInt()).as("operations rendered from openapi.json").isGreaterThan(10);
        assertThat(p.get("stray")).as("requests that missed the prefix").isEmpty();
        assertThat(texts(p.get("forwarded"))).contains("GET /console", "GET /console/app.js",
                "GET /api/relay/rest/sip_profile", "GET /api/fabric/resources/sip_endpoints", "GET /api/docs/",
                "GET /api/docs", "GET /api/openapi.json");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
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
