package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The log lines of a real installation ({@code SIPYARD_LOG_FORMAT=json}, the jar's logback.xml):
 * one access line per HTTP request, one SIP line per transaction result at the documented levels,
 * and one CallSid tying a call's SIP line, its document fetch and its status callbacks together.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StructuredLogProcessTest extends ProcessTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Correct-Horse-Battery-42";
    private static final String WRONG_PASSWORD = "Wrong-Horse-Battery-43";
    private static final String URL_SECRET = "query-secret-7f3a9c";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void requestsSipTransactionsAndACallsWebhooksAreOneJsonLineEachTiedByTheCallSid(Backend backend)
            throws Exception {
        int sipPort = SipyardProcess.freePort();
        Map<String, String> settings = ProcessSetup.withSip(freshSettings(backend), sipPort);
        settings.put("SIPYARD_LOG_FORMAT", "json");
        JsonNode project = ProcessSetup.createProject(settings, logDir, "logs");
        String projectId = project.get("project_id").asText();
        String token = project.get("token").asText();

        try (DocumentServer app = new DocumentServer();
             SipyardProcess server = SipyardProcess.serveWithProductionLogging(settings, logDir)) {
            app.cxml("/voice", "<Response><Reject/></Response>");
            app.cxml("/status", "<Response/>");
            ApiClient api = new ApiClient(server.baseUrl(), projectId, token);
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            assertThat(api.post(ENDPOINTS, Map.of("username", "alice", "password", PASSWORD,
                    "call_handler", "laml_webhooks", "call_request_url", app.url("/voice?key=" + URL_SECRET),
                    "call_status_callback_url", app.url("/status?key=" + URL_SECRET))).status()).isEqualTo(201);
            assertThat(get(server, ENDPOINTS + "?page_size=5&token=" + URL_SECRET, projectId, token, "req-42.a")
                    .statusCode()).isEqualTo(200);
            assertThat(get(server, ENDPOINTS, projectId, "not-the-token-9d8c7b", null).statusCode()).isEqualTo(401);

            String callId;
            try (SipTestClient socket = SipTestClient.udp(sipPort)) {
                SipPhone wrong = new SipPhone(socket, "alice", domain, WRONG_PASSWORD);
                SipResponse refused = wrong.register(600);
                assertThat(refused.status()).isEqualTo(403);
                SipAgent alice = new SipAgent(new SipPhone(socket, "alice", domain, PASSWORD));
                alice.register();
                SipAgent.Call call = alice.call("anyone");
                callId = call.callId;
                assertThat(call.awaitFinal(10_000).status()).isEqualTo(603);
            }
            List<DocumentServer.Received> callbacks = app.awaitRequests("/status", 2, 30_000);
            String callSid = callbacks.get(0).form().get("CallSid");
            assertThat(callSid).isNotBlank();
            // the outbox logs a delivery once its response is in: await the lines, not the requests
            awaitLines(server, l -> "callback".equals(text(l, "kind")) && callSid.equals(text(l, "call_sid")), 2);
            server.close();

            List<JsonNode> lines = jsonLines(server.stderr());
            assertThat(server.stderr()).doesNotContain(token).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD)
                    .doesNotContain(URL_SECRET).doesNotContain("not-the-token-9d8c7b").doesNotContain("response=");

            JsonNode listed = only(lines, l -> "dev.sipyard.access".equals(text(l, "logger"))
                    && "req-42.a".equals(text(l, "request_id")));
            assertThat(text(listed, "method")).isEqualTo("GET");
            assertThat(text(listed, "route")).isEqualTo(ENDPOINTS);
            assertThat(listed.get("status").asInt()).isEqualTo(200);
            assertThat(listed.get("duration_ms").isIntegralNumber()).as(listed.toString()).isTrue();
            assertThat(text(listed, "client")).isEqualTo("127.0.0.1");
            assertThat(text(listed, "project_id")).isEqualTo(projectId);
            assertThat(listed.get("level").asText()).isEqualTo("INFO");
            JsonNode unauthorized = only(lines, l -> "dev.sipyard.access".equals(text(l, "logger"))
                    && l.path("status").asInt() == 401);
            assertThat(unauthorized.get("project_id").isNull()).as(unauthorized.toString()).isTrue();
            assertThat(text(unauthorized, "request_id")).matches("[0-9a-f-]{36}");

            List<JsonNode> registers = all(lines, l -> "REGISTER".equals(text(l, "method")));
            assertThat(registers).as("the 401 challenges and the 200 are DEBUG; the wrong password is INFO")
                    .hasSize(1);
            JsonNode wrong = registers.get(0);
            assertThat(wrong.get("logger").asText()).isEqualTo("dev.sipyard.sip.transactions");
            assertThat(wrong.get("status").asInt()).isEqualTo(403);
            assertThat(text(wrong, "transport")).isEqualTo("UDP");
            assertThat(text(wrong, "source")).startsWith("127.0.0.1:");
            assertThat(text(wrong, "user")).isEqualTo("alice@" + domain);
            assertThat(text(wrong, "call_id")).isNotBlank();

            JsonNode invite = only(lines, l -> "INVITE".equals(text(l, "method")) && l.path("status").asInt() == 603);
            assertThat(text(invite, "call_sid")).isEqualTo(callSid);
            assertThat(text(invite, "call_id")).isEqualTo(callId);
            assertThat(text(invite, "transport")).isEqualTo("UDP");
            assertThat(invite.get("level").asText()).isEqualTo("INFO");
            JsonNode fetch = only(lines, l -> "fetch".equals(text(l, "kind")));
            assertThat(text(fetch, "call_sid")).isEqualTo(callSid);
            assertThat(text(fetch, "url")).isEqualTo(app.url("/voice"));
            assertThat(fetch.get("status").asInt()).isEqualTo(200);
            List<JsonNode> statusCallbacks = all(lines, l -> "callback".equals(text(l, "kind")));
            assertThat(statusCallbacks).hasSize(2).allSatisfy(l -> {
                assertThat(text(l, "call_sid")).isEqualTo(callSid);
                assertThat(text(l, "url")).isEqualTo(app.url("/status"));
                assertThat(l.get("status").asInt()).isEqualTo(200);
            });
            assertThat(all(lines, l -> callSid.equals(text(l, "call_sid"))))
                    .as("following the call by its CallSid finds its SIP line, its fetch and its callbacks")
                    .hasSizeGreaterThanOrEqualTo(4);
        }
    }

    private static HttpResponse<String> get(SipyardProcess server, String path, String projectId, String token,
                                            String requestId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((projectId + ":" + token).getBytes(StandardCharsets.UTF_8)));
        if (requestId != null) {
            b.header("X-Request-Id", requestId);
        }
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (requestId != null) {
                assertThat(r.headers().firstValue("X-Request-Id")).hasValue(requestId);
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitLines(SipyardProcess server, Predicate<JsonNode> p, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (all(jsonLines(server.stderr()), p).size() < count) {
            if (System.nanoTime() > deadline) {
                fail("fewer than " + count + " matching log lines within 30 s:\n" + server.stderr());
            }
            SipyardProcess.sleep(50);
        }
    }

    /** The server's log lines as JSON (the JVM's own notices are not the server's). */
    private static List<JsonNode> jsonLines(String stderr) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : SipyardProcess.nonBlankLines(stderr)) {
            if (line.startsWith("WARNING: ") || line.startsWith("Picked up JAVA_TOOL_OPTIONS")) {
                continue;
            }
            try {
                lines.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }
        return lines;
    }

    private static String text(JsonNode line, String field) {
        JsonNode v = line.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<JsonNode> all(List<JsonNode> lines, Predicate<JsonNode> p) {
        return lines.stream().filter(p).toList();
    }

    private static JsonNode only(List<JsonNode> lines, Predicate<JsonNode> p) {
        List<JsonNode> found = all(lines, p);
        assertThat(found).as("exactly one matching line in\n%s", lines).hasSize(1);
        return found.get(0);
    }
}
