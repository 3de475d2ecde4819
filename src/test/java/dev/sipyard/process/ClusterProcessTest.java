package dev.sipyard.process;

import static dev.sipyard.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.process.Cluster.Node;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several nodes as one server: each node is its own process on its own loopback address
 * (127.0.0.2, 127.0.0.3) over one PostgreSQL, the layout README's "Scaling out" describes.
 * PostgreSQL only: sharing a database between nodes is what PostgreSQL is there for.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterProcessTest extends ProcessTestBase {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String NODE_A = Cluster.NODE_A;
    private static final String NODE_B = Cluster.NODE_B;

    private String dbUrl;
    private String projectId;
    private String token;
    private Cluster cluster;

    /** One database, one project made by the CLI, as an operator would set a cluster up. */
    private void newCluster(Map<String, String> extra) {
        cluster = Cluster.create(dataDir, logDir, extra);
        dbUrl = cluster.dbUrl();
        projectId = cluster.projectId();
        token = cluster.token();
    }

    private Node start(String host, String name) {
        return cluster.start(host, name);
    }

    /** The project's SIP domain, read through {@code api}. */
    private static String domainOf(ApiClient api) {
        return api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
    }

    /** Creates endpoints {@code users} (all with {@link #PASSWORD}) through {@code api}. */
    private static void endpoints(ApiClient api, String... users) {
        for (String user : users) {
            assertThat(api.post(ENDPOINTS, Map.of("username", user, "password", PASSWORD)).status()).isEqualTo(201);
        }
    }

    @Test
    void eachNodeNamesItselfInItsLog() throws Exception {
        newCluster(Map.of());
        try (Node a = start(NODE_A, "node-a"); Node b = start(NODE_B, "node-b")) {
            assertThat(a.process().stderr() + a.process().stdout()).contains("node node-a");
            assertThat(b.process().stderr() + b.process().stdout()).contains("node node-b");
        }
    }

    @Test
    void anEndpointMadeThroughOneNodeRegistersAtTheOtherWithTheFirstNodesNonce() throws Exception {
        newCluster(Map.of());
        try (Node a = start(NODE_A, "node-a"); Node b = start(NODE_B, "node-b")) {
            ApiClient apiA = a.api(projectId, token);
            String domain = domainOf(apiA);
            var created = apiA.post(ENDPOINTS, Map.of("username", "alice", "password", PASSWORD));
            assertThat(created.status()).isEqualTo(201);
            String endpointId = created.json().get("id").asText();

            try (SipTestClient toA = a.udpFrom("127.0.0.1"); SipTestClient toB = b.udpFrom("127.0.0.1")) {
                SipPhone viaA = new SipPhone(toA, "alice", domain, PASSWORD);
                SipPhone viaB = new SipPhone(toB, "alice", domain, PASSWORD);
                List<String> contact = List.of("<" + viaB.contact() + ">");
                SipResponse challenge = viaA.send(contact, 600, null);
                assertThat(challenge.status()).as("node A challenges").isEqualTo(401);
                SipResponse registered = viaB.send(contact, 600, viaA.authorize(challenge));
                assertThat(registered.status()).as("node B accepts the answer to node A's nonce").isEqualTo(200);

                SipResponse wrong = new SipPhone(toB, "alice", domain, "not-the-password")
                        .send(contact, 600, new SipPhone(toB, "alice", domain, "not-the-password")
                                .authorize(viaB.send(contact, 600, null)));
                assertThat(wrong.status()).as("a wrong password stays wrong on B").isEqualTo(403);
            }
            // the binding made through B is seen through A's API
            JsonNode bindings = apiA.get(ENDPOINTS + "/" + endpointId + "/registrations").json().get("data");
            assertThat(bindings).hasSize(1);
            assertThat(bindings.get(0).toString()).contains("127.0.0.1");
        }
    }

    @Test
    void aBanDecidedByOneNodeIsEnforcedByTheOther() throws Exception {
        newCluster(Map.of("SIPYARD_SIP_GUARD_THRESHOLD", "3"));
        try (Node a = start(NODE_A, "node-a"); Node b = start(NODE_B, "node-b")) {
            ApiClient apiA = a.api(projectId, token);
            String domain = domainOf(apiA);
            endpoints(apiA, "alice");
            String attacker = "127.0.0.9";
            try (SipTestClient toA = a.udpFrom(attacker); SipTestClient toB = b.udpFrom(attacker)) {
                SipPhone guessing = new SipPhone(toA, "alice", domain, "guess");
                List<String> contact = List.of("<" + guessing.contact() + ">");
                SipPhone onB = new SipPhone(toB, "alice", domain, "guess");
                assertThat(onB.send(contact, 600, null).status()).as("before the ban, B challenges").isEqualTo(401);
                for (int i = 0; i < 3; i++) {
                    SipResponse r = guessing.send(contact, 600, null);
                    guessing.send(contact, 600, guessing.authorize(r));
                }
                assertThat(guessing.send(contact, 600, null).status()).as("A banned the guesser").isEqualTo(403);
                assertThat(await(() -> {
                    SipResponse r = onB.send(contact, 600, null);
                    return r != null && r.status() == 403;
                }, 15_000)).as("B refuses the address A banned").isTrue();
            }
            // and a phone elsewhere still registers through B
            try (SipTestClient honest = b.udpFrom("127.0.0.1")) {
                assertThat(new SipPhone(honest, "alice", domain, PASSWORD).register(600).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aPhoneRegisteredThroughOneNodeIsCalledThroughTheOther() throws Exception {
        newCluster(Map.of());
        try (Node a = start(NODE_A, "node-a"); Node b = start(NODE_B, "node-b")) {
            ApiClient apiA = a.api(projectId, token);
            String domain = domainOf(apiA);
            endpoints(apiA, "alice", "bob");
            try (SipTestClient bobSocket = a.udpFrom("127.0.0.1").repliesToRequestSource();
                 SipTestClient aliceSocket = b.udpFrom("127.0.0.1")) {
                SipAgent bob = new SipAgent(new SipPhone(bobSocket, "bob", domain, PASSWORD));
                bob.register(); // through A
                SipAgent alice = new SipAgent(new SipPhone(aliceSocket, "alice", domain, PASSWORD));
                alice.register(); // through B

                SipAgent.Call call = alice.call("bob");
                SipAgent.Incoming ringing = bob.awaitCall(15_000);
                assertThat(ringing).as("B sends the INVITE to the binding A stored").isNotNull();
                assertThat(ringing.invite.all("Via").get(0)).contains(NODE_B);
                ringing.answer();
                SipMsg answered = call.awaitFinal(10_000);
                assertThat(answered.status()).isEqualTo(200);
                call.ack();
                assertThat(ringing.awaitAck(5000)).as("the ACK reaches bob").isNotNull();
                Thread byeAnswer = Thread.ofVirtual().start(() ->
                        bob.respond(ringing.awaitRequest("BYE", 5000), 200, "OK", null, false));
                SipMsg byeOk = call.bye();
                byeAnswer.join(10_000);
                assertThat(byeOk).as("alice hangs up through B, bob's 200 comes back").isNotNull();
                assertThat(byeOk.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aProjectsRequestBudgetIsCountedAcrossTheNodes() throws Exception {
        int budget = 1000;
        newCluster(Map.of("SIPYARD_RATE_READS", String.valueOf(budget), "SIPYARD_RATE_WINDOW", "1h"));
        try (Node a = start(NODE_A, "node-a"); Node b = start(NODE_B, "node-b")) {
            ApiClient apiA = a.api(projectId, token);
            ApiClient apiB = b.api(projectId, token);
            for (int i = 0; i < 10; i++) {
                assertThat(apiA.get(ENDPOINTS).status()).isEqualTo(200);
            }
            // within a sync or two, B's answers count A's ten reads as well as its own
            int[] readsOnB = {0};
            assertThat(await(() -> {
                var r = apiB.get(ENDPOINTS);
                readsOnB[0]++;
                return r.status() == 200
                        && Integer.parseInt(r.header("RateLimit-Remaining")) == budget - 10 - readsOnB[0];
            }, 15_000)).as("B's RateLimit-Remaining includes A's reads").isTrue();
            // and the other way round: A's answers come to count B's reads too
            int[] readsOnA = {10};
            assertThat(await(() -> {
                var r = apiA.get(ENDPOINTS);
                readsOnA[0]++;
                return Integer.parseInt(r.header("RateLimit-Remaining")) == budget - readsOnA[0] - readsOnB[0];
            }, 15_000)).as("A's RateLimit-Remaining includes B's reads").isTrue();
        }
    }

    @Test
    void aKilledNodesQueuedCallbacksAreDeliveredByTheOtherOnceEach() throws Exception {
        int calls = 3;
        newCluster(Map.of("SIPYARD_WEBHOOK_RETRY_MAX", "1s"));
        int receiverPort = SipyardProcess.freePort();
        String statusUrl = "http://127.0.0.1:" + receiverPort + "/status";
        try (DocumentServer app = new DocumentServer(); Node b = start(NODE_B, "node-b")) {
            app.cxml("/voice", "<Response><Reject/></Response>");
            try (Node a = start(NODE_A, "node-a")) {
                ApiClient apiA = a.api(projectId, token);
                String domain = domainOf(apiA);
                assertThat(apiA.post(ENDPOINTS, Map.of("username", "alice", "password", PASSWORD,
                        "call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                        "call_status_callback_url", statusUrl)).status()).isEqualTo(201);
                try (SipTestClient socket = a.udpFrom("127.0.0.1")) {
                    SipAgent alice = new SipAgent(new SipPhone(socket, "alice", domain, PASSWORD));
                    alice.register();
                    for (int i = 0; i < calls; i++) {
                        assertThat(alice.call("anyone").awaitFinal(10_000).status()).isEqualTo(603);
                    }
                }
                // the receiver is down: the callbacks are queued (some leased by A) when A dies
                a.process().kill();
            }
            try (DocumentServer receiver = new DocumentServer(receiverPort)) {
                receiver.cxml("/status", "<Response/>");
                receiver.awaitRequests("/status", calls * 2, 90_000);
                assertThat(await(() -> outboxRows() == 0, 30_000)).as("B empties the outbox").isTrue();
                assertOnceEachInOrder(receiver.requests("/status"), calls);
                assertThat(b.process().isAlive()).isTrue();
            }
        }
    }

    private int outboxRows() {
        try (Connection c = DriverManager.getConnection(dbUrl);
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM webhook_outbox")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

}
