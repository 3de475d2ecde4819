package dev.sipyard.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.process.Cluster.Node;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Await;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The graceful stop of a node (README, "Upgrading a cluster"): real server processes stopped with
 * SIGTERM. While a node drains it refuses new registrations and calls with 503 and Retry-After and
 * its health check says "draining", while calls already set up through it end normally; it exits 0
 * once they have, hangs up at the deadline the calls it answered itself, and hands the status
 * callbacks it leased back to the other nodes.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DrainProcessTest extends ProcessTestBase {
    private static final String PASSWORD = "correct-horse-battery";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The reason the call log records for a call hung up by a stopping node. */
    private static final String HANG_UP_REASON = "This server is shutting down";

    /** One node over a fresh database of {@code backend}, its SIP port, metrics port and project. */
    private record Single(SipyardProcess process, int sipPort, int metricsPort, ApiClient api, String domain,
                          String dbUrl) implements AutoCloseable {
        SipTestClient udp() {
            return SipTestClient.to("udp", "127.0.0.1", "127.0.0.1", sipPort);
        }

        String metrics() throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        @Override
        public void close() {
            process.close();
        }
    }

    private Single single(Backend backend, int drainSeconds) {
        int sipPort = SipyardProcess.freePort();
        int metricsPort = SipyardProcess.freePort();
        Map<String, String> env = new HashMap<>(ProcessSetup.withSip(freshSettings(backend), sipPort));
        env.put("SIPYARD_DRAIN_SECONDS", String.valueOf(drainSeconds));
        env.put("SIPYARD_METRICS_ADDR", "127.0.0.1:" + metricsPort);
        JsonNode project = ProcessSetup.createProject(env, logDir, "drain");
        SipyardProcess process = SipyardProcess.serve(env, logDir);
        ApiClient api = new ApiClient(process.baseUrl(), project.get("project_id").asText(),
                project.get("token").asText());
        String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
        return new Single(process, sipPort, metricsPort, api, domain, env.get("SIPYARD_DB"));
    }

    private static void endpoint(ApiClient api, String user, Map<String, String> more) {
        Map<String, String> body = new HashMap<>(more);
        body.put("username", user);
        body.put("password", PASSWORD);
        var created = api.post(ENDPOINTS, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDrainingNodeRefusesNewWorkLetsItsCallEndAndThenExitsZero(Backend backend) throws Exception {
        try (Single node = single(backend, 120)) {
            for (String user : List.of("alice", "bob", "carol")) {
                endpoint(node.api(), user, Map.of());
            }
            try (SipTestClient bobSocket = node.udp().repliesToRequestSource(); SipTestClient aliceSocket = node.udp();
                 SipTestClient carolSocket = node.udp()) {
                SipAgent bob = new SipAgent(new SipPhone(bobSocket, "bob", node.domain(), PASSWORD));
                bob.register();
                SipAgent alice = new SipAgent(new SipPhone(aliceSocket, "alice", node.domain(), PASSWORD));
                alice.register();
                SipAgent.Call call = alice.call("bob");
                SipAgent.Incoming ringing = bob.awaitCall(15_000);
                assertThat(ringing).as("the call reaches bob").isNotNull();
                ringing.answer();
                assertThat(call.awaitFinal(10_000).status()).isEqualTo(200);
                call.ack();
                assertThat(ringing.awaitAck(5000)).isNotNull();
                assertThat(node.metrics()).contains("sipyard_draining 0.0");

                node.process().terminate();

                Await.until("/api/healthz answers 503", () -> node.api().get("/api/healthz").status() == 503);
                assertThat(node.api().get("/api/healthz").json().get("status").asText()).isEqualTo("draining");
                assertThat(node.metrics()).contains("sipyard_draining 1.0");
                SipPhone carol = new SipPhone(carolSocket, "carol", node.domain(), PASSWORD);
                SipResponse refused = carol.register(600);
                assertThat(refused.status()).as("a new registration is refused").isEqualTo(503);
                assertThat(refused.first("Retry-After")).isEqualTo("30");
                SipMsg newCall = new SipAgent(carol).call("bob").awaitFinal(10_000);
                assertThat(newCall.status()).as("a new call is refused").isEqualTo(503);
                assertThat(newCall.first("Retry-After")).isEqualTo("30");
                assertThat(node.api().get(ENDPOINTS).status()).as("the API still answers").isEqualTo(200);
                assertThat(node.process().isAlive()).as("the node waits for its call").isTrue();

                Thread byeAnswer = Thread.ofVirtual().start(() ->
                        bob.respond(ringing.awaitRequest("BYE", 10_000), 200, "OK", null, false));
                SipMsg byeOk = call.bye();
                byeAnswer.join(15_000);
                assertThat(byeOk).as("the hang-up goes through the draining node").isNotNull();
                assertThat(byeOk.status()).isEqualTo(200);
            }
            OptionalInt exit = node.process().awaitExitCode(Duration.ofSeconds(60));
            assertThat(exit).as("exits once the call ended, long before its 120 s\n%s", node.process().stderr())
                    .hasValue(0);
            assertThat(node.process().stderr()).contains("draining: new registrations and calls get 503")
                    .contains("every call ended");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void atTheDeadlineACallTheNodeAnsweredItselfIsHungUpAndLogged(Backend backend) throws Exception {
        try (DocumentServer app = new DocumentServer(); Single node = single(backend, 2)) {
            app.cxml("/voice", "<Response><Record maxLength=\"600\" timeout=\"0\" playBeep=\"false\" "
                    + "action=\"/recorded\"/></Response>");
            app.cxml("/recorded", "<Response/>");
            endpoint(node.api(), "alice", Map.of("call_handler", "laml_webhooks",
                    "call_request_url", app.url("/voice")));
            String callSid;
            try (SipTestClient socket = node.udp()) {
                SipAgent alice = new SipAgent(new SipPhone(socket, "alice", node.domain(), PASSWORD));
                alice.register();
                SipAgent.Call call = alice.call("voicemail");
                SipMsg answered = call.awaitFinal(15_000);
                assertThat(answered.status()).as("the node answers: %s", answered).isEqualTo(200);
                call.ack();
                callSid = app.requests("/voice").get(0).form().get("CallSid");

                node.process().terminate();

                SipMsg bye = alice.awaitRequest("BYE", 30_000);
                assertThat(bye).as("the node hangs up the call it answered").isNotNull();
                alice.respond(bye, 200, "OK", null, false);
            }
            assertThat(node.process().awaitExitCode(Duration.ofSeconds(60))).hasValue(0);
            assertThat(node.process().stderr()).contains("the drain time passed")
                    .contains("1 answered here hung up with BYE");
            assertThat(callRow(node.dbUrl(), callSid)).as("the call log's last writes were flushed")
                    .containsExactly("completed", HANG_UP_REASON);
        }
    }

    @Test
    void aSecondSigtermEndsTheDrainAtOnce() throws Exception {
        try (DocumentServer app = new DocumentServer(); Single node = single(Backend.SQLITE, 600)) {
            app.cxml("/voice", "<Response><Record maxLength=\"600\" timeout=\"0\" playBeep=\"false\"/></Response>");
            endpoint(node.api(), "alice", Map.of("call_handler", "laml_webhooks",
                    "call_request_url", app.url("/voice")));
            try (SipTestClient socket = node.udp()) {
                SipAgent alice = new SipAgent(new SipPhone(socket, "alice", node.domain(), PASSWORD));
                alice.register();
                SipAgent.Call call = alice.call("voicemail");
                assertThat(call.awaitFinal(15_000).status()).isEqualTo(200);
                call.ack();

                node.process().terminate();
                Await.until("the node drains", () -> node.api().get("/api/healthz").status() == 503);
                node.process().terminate();

                SipMsg bye = alice.awaitRequest("BYE", 30_000);
                assertThat(bye).as("the cut-short drain still hangs up the call it answered").isNotNull();
                alice.respond(bye, 200, "OK", null, false);
            }
            assertThat(node.process().awaitExitCode(Duration.ofSeconds(60))).as("long before its 600 s").hasValue(0);
            assertThat(node.process().stderr()).contains("second stop signal").contains("(a second stop signal)");
        }
    }

    /** A phone's connection lives on the draining node: a call another node relays there still rings it. */
    @Test
    void aDrainingNodeStillRingsItsConnectedPhoneForACallAnotherNodeRelays() throws Exception {
        Cluster cluster = Cluster.create(dataDir, logDir, Map.of());
        try (Node a = cluster.start(Cluster.NODE_A, "node-a", Map.of("SIPYARD_DRAIN_SECONDS", "120"));
             Node b = cluster.start(Cluster.NODE_B, "node-b")) {
            ApiClient apiA = a.api(cluster.projectId(), cluster.token());
            String domain = apiA.get("/api/relay/rest/sip_profile").json().get("domain").asText();
            for (String user : List.of("alice", "bob", "carol", "dave")) {
                endpoint(apiA, user, Map.of());
            }
            try (SipTestClient bobConnection = a.tcpFrom("127.0.0.1");
                 SipTestClient aliceSocket = b.udpFrom("127.0.0.1");
                 SipTestClient carolSocket = a.udpFrom("127.0.0.1");
                 SipTestClient daveSocket = a.udpFrom("127.0.0.1")) {
                SipAgent bob = new SipAgent(new SipPhone(bobConnection, "bob", domain, PASSWORD));
                bob.register(); // its connection lives on A
                SipAgent alice = new SipAgent(new SipPhone(aliceSocket, "alice", domain, PASSWORD));
                alice.register(); // through B
                // a call through A keeps it draining
                SipAgent carol = new SipAgent(new SipPhone(carolSocket, "carol", domain, PASSWORD));
                SipAgent dave = new SipAgent(new SipPhone(daveSocket, "dave", domain, PASSWORD));
                carol.register();
                dave.register();
                SipAgent.Answered held = carol.callAnsweredBy(dave);

                a.process().terminate();
                Await.until("A drains", () -> apiA.get("/api/healthz").status() == 503);
                SipAgent.Call call = alice.call("bob");
                SipAgent.Incoming ringing = bob.awaitCall(15_000);
                assertThat(ringing).as("B relays to the draining A, which rings bob over his connection")
                        .isNotNull();
                ringing.answer();
                assertThat(call.awaitFinal(10_000).status()).isEqualTo(200);
                call.ack();
                assertThat(ringing.awaitAck(5000)).isNotNull();
                SipMsg byeOk = call.byeAnsweredBy(ringing);
                assertThat(byeOk).as("the call ends through both nodes").isNotNull();
                assertThat(byeOk.status()).isEqualTo(200);

                assertThat(held.call().byeAnsweredBy(held.callee()).status()).isEqualTo(200);
            }
            assertThat(a.process().awaitExitCode(Duration.ofSeconds(60))).as("A exits once the call ended")
                    .hasValue(0);
        }
    }

    @Test
    void aStatusCallbackLeasedByTheDrainingNodeIsDeliveredOnceByTheOther() throws Exception {
        Cluster cluster = Cluster.create(dataDir, logDir, Map.of());
        try (DocumentServer app = new DocumentServer(); DocumentServer receiver = new DocumentServer()) {
            app.cxml("/voice", "<Response><Reject/></Response>");
            // the receiver takes node A's first callback and does not answer it
            receiver.delay("/status", 300_000);
            try (Node a = cluster.start(Cluster.NODE_A, "node-a")) {
                ApiClient apiA = a.api(cluster.projectId(), cluster.token());
                String domain = apiA.get("/api/relay/rest/sip_profile").json().get("domain").asText();
                endpoint(apiA, "alice", Map.of("call_handler", "laml_webhooks", "call_request_url",
                        app.url("/voice"), "call_status_callback_url", receiver.url("/status") + "#rt=15000&tt=15000"));
                try (SipTestClient socket = a.udpFrom("127.0.0.1")) {
                    SipAgent alice = new SipAgent(new SipPhone(socket, "alice", domain, PASSWORD));
                    alice.register();
                    assertThat(alice.call("anyone").awaitFinal(10_000).status()).isEqualTo(603);
                }
                receiver.awaitRequests("/status", 1, 20_000);
                assertThat(leasedBy(cluster, "node-a")).as("node A holds the callback it is sending").isEqualTo(1);

                try (Node b = cluster.start(Cluster.NODE_B, "node-b")) {
                    receiver.cxml("/status", "<Response/>"); // from now on it answers at once
                    a.process().terminate();
                    assertThat(a.process().awaitExitCode(Duration.ofSeconds(30))).hasValue(0);
                    assertThat(leasedBy(cluster, "node-a")).as("A handed its lease back as it stopped").isZero();
                    assertThat(a.process().stderr()).contains("1 leased callback(s) handed back");

                    List<DocumentServer.Received> got = receiver.awaitRequests("/status", 3, 20_000);
                    Await.until("B empties the outbox", () -> outboxRows(cluster) == 0);
                    assertThat(receiver.requests("/status")).hasSize(3);
                    DocumentServer.Received cutShort = got.get(0);
                    List<DocumentServer.Received> delivered = new ArrayList<>(got.subList(1, got.size()));
                    assertOnceEachInOrder(delivered, 1);
                    assertThat(delivered.get(0).form()).as("B sent again what A's stop cut short")
                            .isEqualTo(cutShort.form());
                    assertThat(b.process().isAlive()).isTrue();
                }
            }
        }
    }

    private static List<String> callRow(String dbUrl, String callSid) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl);
             PreparedStatement q = c.prepareStatement("SELECT status, reason FROM calls WHERE id = ?")) {
            q.setString(1, callSid);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as("call %s is logged", callSid).isTrue();
                return List.of(rs.getString(1), rs.getString(2));
            }
        }
    }

    private static int leasedBy(Cluster cluster, String node) {
        return count(cluster, "SELECT count(*) FROM webhook_outbox WHERE lease_owner LIKE '" + node + "/%'");
    }

    private static int outboxRows(Cluster cluster) {
        return count(cluster, "SELECT count(*) FROM webhook_outbox");
    }

    private static int count(Cluster cluster, String sql) {
        try (Connection c = DriverManager.getConnection(cluster.dbUrl());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
