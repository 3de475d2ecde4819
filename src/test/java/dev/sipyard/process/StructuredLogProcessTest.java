package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.sip.interop.ToneAnalysis;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
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
import java.nio.file.Files;
import java.nio.file.Path;
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
 * and one CallSid tying a call's SIP line, its document fetch and its status callbacks together;
 * the results of the requests the server sends itself (a fork's branches) and of the requests it
 * answers itself (a CANCEL, a BYE to a call it answered) carry the same CallSid.
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
        JsonSetup setup = jsonSetup(backend, "logs");
        int sipPort = setup.sipPort();
        Map<String, String> settings = setup.settings();
        String projectId = setup.projectId();
        String token = setup.token();

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

    @ParameterizedTest
    @EnumSource(Backend.class)
    void forkedBranchesACancelAndAnAnsweredCallsByeHaveTheirLinesWithTheCallsCallSid(Backend backend)
            throws Exception {
        JsonSetup setup = jsonSetup(backend, "branches");
        int sipPort = setup.sipPort();
        Map<String, String> settings = setup.settings();
        String projectId = setup.projectId();
        String token = setup.token();

        try (DocumentServer app = new DocumentServer();
             SipyardProcess server = SipyardProcess.serveWithProductionLogging(settings, logDir)) {
            Path tone = logDir.resolve("tone.wav");
            ToneAnalysis.writeSine(tone, 440, 8000, 0.2);
            app.file("/tone.wav", "audio/wav", Files.readAllBytes(tone));
            app.cxml("/media", "<Response><Play>/tone.wav</Play><Pause length=\"30\"/></Response>");
            ApiClient api = new ApiClient(server.baseUrl(), projectId, token);
            String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            assertThat(api.post(ENDPOINTS, Map.of("username", "alice", "password", PASSWORD)).status()).isEqualTo(201);
            assertThat(api.post(ENDPOINTS, Map.of("username", "bob", "password", PASSWORD)).status()).isEqualTo(201);
            assertThat(api.post(ENDPOINTS, Map.of("username", "carol", "password", PASSWORD,
                    "call_handler", "laml_webhooks", "call_request_url", app.url("/media"))).status()).isEqualTo(201);

            String answeredCallId;
            String cancelledCallId;
            String mediaCallId;
            int deskPort;
            int mobilePort;
            int carolPort;
            try (SipTestClient aliceSocket = SipTestClient.udp(sipPort);
                 SipTestClient deskSocket = SipTestClient.udp(sipPort);
                 SipTestClient mobileSocket = SipTestClient.tcp(sipPort);
                 SipTestClient carolSocket = SipTestClient.udp(sipPort)) {
                deskPort = deskSocket.localPort();
                mobilePort = mobileSocket.localPort();
                carolPort = carolSocket.localPort();
                SipAgent alice = registered(aliceSocket, "alice", domain);
                SipAgent desk = registered(deskSocket, "bob", domain);
                SipAgent mobile = registered(mobileSocket, "bob", domain);

                // both of bob's phones ring, the mobile answers, the desk is cancelled (487)
                SipAgent.Call call = alice.call("bob");
                answeredCallId = call.callId;
                SipAgent.Incoming onDesk = desk.awaitCall(5000);
                SipAgent.Incoming onMobile = mobile.awaitCall(5000);
                assertThat(onDesk).as("the desk phone is offered the call").isNotNull();
                assertThat(onMobile).as("the mobile phone is offered the call").isNotNull();
                onDesk.ring();
                onMobile.ring();
                onMobile.answer();
                assertThat(call.awaitFinal(5000).status()).isEqualTo(200);
                stopRinging(desk, onDesk);
                call.ack();
                assertThat(onMobile.awaitAck(5000)).isNotNull();
                assertThat(call.byeAnsweredBy(onMobile).status()).isEqualTo(200);

                // the caller cancels while both ring
                SipAgent.Call cancelled = alice.call("bob");
                cancelledCallId = cancelled.callId;
                SipAgent.Incoming deskRings = desk.awaitCall(5000);
                SipAgent.Incoming mobileRings = mobile.awaitCall(5000);
                assertThat(deskRings).isNotNull();
                assertThat(mobileRings).isNotNull();
                deskRings.ring();
                mobileRings.ring();
                assertThat(cancelled.awaitProvisional(180, 5000)).isNotNull();
                cancelled.cancel();
                assertThat(cancelled.awaitCancelResponse(5000).status()).isEqualTo(200);
                assertThat(cancelled.awaitFinal(5000).status()).isEqualTo(487);
                stopRinging(desk, deskRings);
                stopRinging(mobile, mobileRings);

                // a call the server answers itself (its document pauses), hung up by the caller
                SipAgent carol = registered(carolSocket, "carol", domain);
                SipAgent.Call media = carol.call("ivr");
                mediaCallId = media.callId;
                SipMsg answer = media.awaitFinal(10_000);
                assertThat(answer).as("the server answers carol's call; its log:\n%s", server.stderr()).isNotNull();
                assertThat(answer.status()).isEqualTo(200);
                media.ack();
                assertThat(media.bye().status()).isEqualTo(200);
            }
            String mediaSid = app.requests("/media").get(0).form().get("CallSid");
            assertThat(mediaSid).isNotBlank();
            awaitLines(server, l -> out(l) && "INVITE".equals(text(l, "method")) && l.path("status").asInt() == 487,
                    3);
            awaitLines(server, l -> "BYE".equals(text(l, "method")) && mediaCallId.equals(text(l, "call_id")), 1);
            server.close();

            List<JsonNode> lines = jsonLines(server.stderr());
            assertThat(server.stderr()).doesNotContain(token).doesNotContain(PASSWORD).doesNotContain("response=");

            String forkSid = text(only(lines, l -> in(l) && "INVITE".equals(text(l, "method"))
                    && answeredCallId.equals(text(l, "call_id")) && l.path("status").asInt() == 200), "call_sid");
            assertThat(forkSid).isNotBlank();
            JsonNode winner = only(lines, l -> out(l) && answeredCallId.equals(text(l, "call_id"))
                    && l.path("status").asInt() == 200);
            assertThat(winner.get("logger").asText()).isEqualTo("dev.sipyard.sip.transactions");
            assertThat(winner.get("level").asText()).isEqualTo("INFO");
            assertThat(text(winner, "method")).isEqualTo("INVITE");
            assertThat(text(winner, "call_sid")).isEqualTo(forkSid);
            assertThat(text(winner, "transport")).isEqualTo("TCP");
            assertThat(text(winner, "destination")).isEqualTo("127.0.0.1:" + mobilePort);
            assertThat(text(winner, "target")).isEqualTo("sip:bob@127.0.0.1:" + mobilePort);
            JsonNode loser = only(lines, l -> out(l) && answeredCallId.equals(text(l, "call_id"))
                    && l.path("status").asInt() == 487);
            assertThat(text(loser, "method")).isEqualTo("INVITE");
            assertThat(text(loser, "call_sid")).isEqualTo(forkSid);
            assertThat(text(loser, "transport")).isEqualTo("UDP");
            assertThat(text(loser, "destination")).isEqualTo("127.0.0.1:" + deskPort);
            assertThat(loser.get("level").asText()).isEqualTo("INFO");

            String cancelledSid = text(only(lines, l -> in(l) && "INVITE".equals(text(l, "method"))
                    && cancelledCallId.equals(text(l, "call_id"))), "call_sid");
            assertThat(cancelledSid).isNotBlank().isNotEqualTo(forkSid);
            JsonNode cancel = only(lines, l -> "CANCEL".equals(text(l, "method")));
            assertThat(in(cancel)).as(cancel.toString()).isTrue();
            assertThat(cancel.get("status").asInt()).isEqualTo(200);
            assertThat(cancel.get("level").asText()).isEqualTo("INFO");
            assertThat(text(cancel, "call_sid")).isEqualTo(cancelledSid);
            assertThat(text(cancel, "call_id")).isEqualTo(cancelledCallId);
            assertThat(text(cancel, "user")).isEqualTo("alice@" + domain);
            assertThat(all(lines, l -> out(l) && cancelledCallId.equals(text(l, "call_id"))))
                    .as("each ringing phone's branch ends 487, with the cancelled call's CallSid").hasSize(2)
                    .allSatisfy(l -> {
                        assertThat(l.get("status").asInt()).isEqualTo(487);
                        assertThat(text(l, "call_sid")).isEqualTo(cancelledSid);
                    });

            JsonNode bye = only(lines, l -> "BYE".equals(text(l, "method")) && mediaCallId.equals(text(l, "call_id")));
            assertThat(in(bye)).as(bye.toString()).isTrue();
            assertThat(bye.get("status").asInt()).isEqualTo(200);
            assertThat(bye.get("level").asText()).isEqualTo("INFO");
            assertThat(text(bye, "call_sid")).isEqualTo(mediaSid);
            assertThat(text(bye, "source")).isEqualTo("127.0.0.1:" + carolPort);

            assertThat(all(lines, l -> out(l) && !"INVITE".equals(text(l, "method"))))
                    .as("the CANCELs and BYEs the server sends are DEBUG, below the production level").isEmpty();
        }
    }

    /** Settings of a server with SIP on a free port and JSON logs, and a project created in its database. */
    private record JsonSetup(int sipPort, Map<String, String> settings, String projectId, String token) {}

    private JsonSetup jsonSetup(Backend backend, String projectName) {
        int sipPort = SipyardProcess.freePort();
        Map<String, String> settings = ProcessSetup.withSip(freshSettings(backend), sipPort);
        settings.put("SIPYARD_LOG_FORMAT", "json");
        JsonNode project = ProcessSetup.createProject(settings, logDir, projectName);
        return new JsonSetup(sipPort, settings, project.get("project_id").asText(), project.get("token").asText());
    }

    private static SipAgent registered(SipTestClient socket, String user, String domain) {
        SipAgent agent = new SipAgent(new SipPhone(socket, user, domain, PASSWORD));
        agent.register();
        return agent;
    }

    /** The phone answers the server's CANCEL of {@code ringing} and ends that INVITE with 487. */
    private static void stopRinging(SipAgent phone, SipAgent.Incoming ringing) {
        SipMsg cancel = phone.awaitRequest("CANCEL", 5000);
        assertThat(cancel).as("the server cancels the branch that did not answer").isNotNull();
        phone.respond(cancel, 200, "OK", null, false);
        ringing.reject(487, "Request Terminated");
    }

    private static boolean in(JsonNode line) {
        return "in".equals(text(line, "direction"));
    }

    private static boolean out(JsonNode line) {
        return "out".equals(text(line, "direction"));
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
