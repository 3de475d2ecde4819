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
import dev.sipyard.testing.RtpPeer;
import dev.sipyard.testing.Scrape;
import dev.sipyard.testing.SipTestClient;
import dev.sipyard.testing.TestSdp;
import java.util.HashMap;
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
    void eachNodeNamesItselfInItsLogAndMetrics() throws Exception {
        newCluster(Map.of());
        int metricsA = SipyardProcess.freePort();
        int metricsB = SipyardProcess.freePort();
        try (Node a = cluster.start(NODE_A, "node-a", Map.of("SIPYARD_METRICS_ADDR", NODE_A + ":" + metricsA));
             Node b = cluster.start(NODE_B, "node-b", Map.of("SIPYARD_METRICS_ADDR", NODE_B + ":" + metricsB))) {
            assertThat(a.process().stderr() + a.process().stdout()).contains("node node-a");
            assertThat(b.process().stderr() + b.process().stdout()).contains("node node-b");
            assertThat(Scrape.of("http://" + NODE_A + ":" + metricsA + "/metrics").labelsOf("sipyard_node_info"))
                    .containsExactly(Map.of("node", "node-a"));
            assertThat(Scrape.of("http://" + NODE_B + ":" + metricsB + "/metrics").labelsOf("sipyard_node_info"))
                    .containsExactly(Map.of("node", "node-b"));
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
        try (Node a = start(NODE_A, "node-a"); Node b = start(NODE_B, "node-b"); DocumentServer app = new DocumentServer();
             RtpPeer rtp = new RtpPeer()) {
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
                SipMsg byeOk = call.byeAnsweredBy(ringing);
                assertThat(byeOk).as("alice hangs up through B, bob's 200 comes back").isNotNull();
                assertThat(byeOk.status()).isEqualTo(200);

                // a call A answers itself (its document needs media) has its RTP on A
                app.cxml("/media", "<Response><Say>Hello from node A.</Say><Pause length=\"20\"/></Response>");
                String bobId = apiA.get(ENDPOINTS + "?filter_username=bob").json().get("data").get(0).get("id").asText();
                assertThat(apiA.patch(ENDPOINTS + "/" + bobId, Map.of("call_handler", "laml_webhooks",
                        "call_request_url", app.url("/media"))).status()).isEqualTo(200);
                bob.offer(TestSdp.offer(rtp.localPort()));
                SipAgent.Call media = bob.call("anyone");
                SipMsg mediaOk = media.awaitFinal(10_000);
                assertThat(mediaOk.status()).isEqualTo(200);
                media.ack();
                assertThat(mediaOk.body()).as("A's own RTP address in its answer").contains("c=IN IP4 " + NODE_A);
                rtp.target(new java.net.InetSocketAddress(NODE_A, TestSdp.audioPort(mediaOk.body())));
                rtp.send(new short[160 * 5]);
                assertThat(await(() -> rtp.receivedCount() > 10, 10_000)).as("A sends the call's RTP").isTrue();
                assertThat(media.bye().status()).isEqualTo(200);
            }
        }
    }

    /**
     * Phones on TCP, TLS, WebSocket and secure WebSocket registered through A, each called by a phone of B in turn:
     * B relays each INVITE to A, which rings the phone over its own connection. Each phone hangs up
     * one call and alice the next, so the BYE crosses both nodes in both directions; a third call
     * alice cancels while it rings, and A cancels it over the phone's connection.
     */
    @Test
    void phonesOnTcpTlsWebSocketAndSecureWebSocketThroughOneNodeAreRungOverTheirConnectionsWhenTheOtherRoutesTheCall()
            throws Exception {
        // alice places twelve calls in about a second: above the default of 5 new calls/s per endpoint
        newCluster(Map.of("SIPYARD_CALL_MAX_RATE", "50"));
        try (Node a = cluster.startWithTlsAndWebSocket(NODE_A, "node-a"); Node b = start(NODE_B, "node-b")) {
            ApiClient apiA = a.api(projectId, token);
            String domain = domainOf(apiA);
            endpoints(apiA, "alice", "bob", "carol", "dave", "erin");
            try (SipTestClient bobConnection = a.tcpFrom("127.0.0.1");
                 SipTestClient carolConnection = a.tlsFrom("127.0.0.1");
                 SipTestClient daveConnection = a.ws();
                 SipTestClient erinConnection = a.wss();
                 SipTestClient aliceSocket = b.udpFrom("127.0.0.1")) {
                SipAgent alice = new SipAgent(new SipPhone(aliceSocket, "alice", domain, PASSWORD));
                alice.register(); // through B
                List<SipAgent> callees = List.of(
                        new SipAgent(new SipPhone(bobConnection, "bob", domain, PASSWORD)),
                        new SipAgent(new SipPhone(carolConnection, "carol", domain, PASSWORD)),
                        new SipAgent(new SipPhone(daveConnection, "dave", domain, PASSWORD)),
                        new SipAgent(new SipPhone(erinConnection, "erin", domain, PASSWORD)));
                for (SipAgent callee : callees) {
                    callee.register(); // its connection lives on A
                }
                for (SipAgent callee : callees) {
                    AnsweredCall c = answeredThroughA(alice, callee);
                    Thread byeAnswer = Thread.ofVirtual().start(() ->
                            alice.respond(awaitBye(alice, c.call().callId), 200, "OK", null, false));
                    SipMsg byeOk = c.callee().bye();
                    byeAnswer.join(10_000);
                    assertThat(byeOk).as("%s hangs up over its connection; alice's 200 comes back", c.user())
                            .isNotNull();
                    assertThat(byeOk.status()).isEqualTo(200);
                }
                for (SipAgent callee : callees) {
                    AnsweredCall c = answeredThroughA(alice, callee);
                    SipMsg byeOk = c.call().byeAnsweredBy(c.callee());
                    assertThat(byeOk).as("alice hangs up; A sends the BYE over %s's connection", c.user())
                            .isNotNull();
                    assertThat(byeOk.status()).isEqualTo(200);
                }
                for (SipAgent callee : callees) {
                    String user = callee.phone().user();
                    SipAgent.Call cancelled = alice.call(user);
                    SipAgent.Incoming ringing = callee.awaitCall(15_000);
                    assertThat(ringing).as("%s is rung", user).isNotNull();
                    ringing.ring();
                    assertThat(cancelled.awaitProvisional(180, 10_000)).as("%s's 180 reaches alice", user)
                            .isNotNull();
                    cancelled.cancel();
                    assertThat(cancelled.awaitCancelResponse(5000).status()).isEqualTo(200);
                    assertThat(cancelled.awaitFinal(10_000).status()).isEqualTo(487);
                    SipMsg cancel = ringing.awaitRequest("CANCEL", 10_000);
                    assertThat(cancel).as("A cancels %s over its connection", user).isNotNull();
                    callee.respond(cancel, 200, "OK", null, false);
                    ringing.reject(487, "Request Terminated");
                }
            }
        }
    }

    /** A call placed by {@code alice} (through B) and answered by {@code callee} (whose connection is on A). */
    private record AnsweredCall(String user, SipAgent.Call call, SipAgent.Incoming callee) {}

    /** Alice calls {@code callee}; asserts the INVITE came through A over the phone's connection; answers, ACKs. */
    private static AnsweredCall answeredThroughA(SipAgent alice, SipAgent callee) {
        String user = callee.phone().user();
        String transport = callee.phone().client().transport();
        SipAgent.Call call = alice.call(user);
        SipAgent.Incoming ringing = callee.awaitCall(15_000);
        assertThat(ringing).as("B relays the INVITE to A, which rings %s over its %s connection", user, transport)
                .isNotNull();
        List<String> vias = ringing.invite.all("Via");
        assertThat(vias.get(0)).as("sent by A to %s", user).contains(transport + " " + NODE_A);
        assertThat(vias.get(1)).as("relayed by B").contains("UDP " + NODE_B);
        assertThat(ringing.invite.first("Sipyard-Relay")).as("the pass stays between the nodes").isNull();
        ringing.answer();
        SipMsg answered = call.awaitFinal(10_000);
        assertThat(answered.status()).as("%s answered", user).isEqualTo(200);
        call.ack();
        assertThat(ringing.awaitAck(5000)).as("the ACK reaches %s through B and A", user).isNotNull();
        return new AnsweredCall(user, call, ringing);
    }

    /** Three nodes: each one's write, registration and call routing serve the other two. */
    @Test
    void threeNodesServeOneProjectAsOne() throws Exception {
        newCluster(Map.of());
        try (Node a = start(NODE_A, "node-a"); Node b = start(NODE_B, "node-b");
             Node c = start(Cluster.NODE_C, "node-c")) {
            ApiClient apiA = a.api(projectId, token);
            String domain = domainOf(apiA);
            endpoints(apiA, "alice", "bob"); // through A
            try (SipTestClient bobConnection = b.tcpFrom("127.0.0.1");
                 SipTestClient aliceSocket = c.udpFrom("127.0.0.1")) {
                SipAgent bob = new SipAgent(new SipPhone(bobConnection, "bob", domain, PASSWORD));
                bob.register(); // at B, over TCP
                SipAgent alice = new SipAgent(new SipPhone(aliceSocket, "alice", domain, PASSWORD));
                alice.register(); // at C
                assertThat(c.api(projectId, token).get(ENDPOINTS).json().get("data")).as("C lists A's writes")
                        .hasSize(2);

                SipAgent.Call call = alice.call("bob");
                SipAgent.Incoming ringing = bob.awaitCall(15_000);
                assertThat(ringing).as("C relays to B, which holds bob's connection").isNotNull();
                assertThat(ringing.invite.all("Via").get(1)).contains("UDP " + Cluster.NODE_C);
                ringing.answer();
                assertThat(call.awaitFinal(10_000).status()).isEqualTo(200);
                call.ack();
                assertThat(ringing.awaitAck(5000)).isNotNull();
                SipMsg byeOk = call.byeAnsweredBy(ringing);
                assertThat(byeOk).isNotNull();
                assertThat(byeOk.status()).isEqualTo(200);
            }
        }
    }

    private static SipMsg awaitBye(SipAgent agent, String callId) {
        return agent.await(m -> "BYE".equals(m.method()) && callId.equals(m.callId()), 5000);
    }

    @Test
    void aForgedRelayPassIsRefused() throws Exception {
        newCluster(Map.of());
        try (Node a = start(NODE_A, "node-a")) {
            ApiClient apiA = a.api(projectId, token);
            String domain = domainOf(apiA);
            String bob = apiA.post(ENDPOINTS, Map.of("username", "bob", "password", PASSWORD)).json().get("id")
                    .asText();
            try (SipTestClient bobConnection = a.tcpFrom("127.0.0.1");
                 SipTestClient stranger = a.udpFrom("127.0.0.9")) {
                new SipAgent(new SipPhone(bobConnection, "bob", domain, PASSWORD)).register();
                String binding = apiA.get(ENDPOINTS + "/" + bob + "/registrations").json().get("data").get(0)
                        .get("id").asText();
                long now = System.currentTimeMillis() / 1000;
                SipAgent forger = new SipAgent(new SipPhone(stranger, "mallory", "elsewhere.example", "x"));
                SipMsg refused = forger.call("sip:bob@127.0.0.1", false, List.of("Sipyard-Relay: binding=" + binding
                        + ";t=" + now + ";sig=00112233445566778899aabbccddeeff")).awaitFinal(10_000);
                assertThat(refused.status()).as("an INVITE naming bob's binding without a valid pass").isEqualTo(403);
            }
        }
    }

    /**
     * Node A dies (kill -9) while API writes and registrations stream into it and a call set up
     * through B is up: every write and registration A acknowledged is there through B, the call
     * through B still hangs up, the answered call A left open is ended in the log by B, and a phone
     * of A re-registers at B and is called there.
     */
    @Test
    void aNodeKilledUnderLoadLosesNothingItAcknowledgedAndCallsThroughTheOtherGoOn() throws Exception {
        int phones = 40;
        newCluster(Map.of("SIPYARD_NODE_DEAD_SECONDS", "3"));
        try (Node b = start(NODE_B, "node-b")) {
            ApiClient apiB = b.api(projectId, token);
            String domain = domainOf(apiB);
            endpoints(apiB, "alice", "bob", "carol", "dave");
            for (int i = 0; i < phones; i++) {
                endpoints(apiB, "phone" + i);
            }
            try (SipTestClient aliceSocket = b.udpFrom("127.0.0.1");
                 SipTestClient bobSocket = b.udpFrom("127.0.0.1")) {
                SipAgent alice = new SipAgent(new SipPhone(aliceSocket, "alice", domain, PASSWORD));
                SipAgent bob = new SipAgent(new SipPhone(bobSocket, "bob", domain, PASSWORD));
                alice.register();
                bob.register();
                SipAgent.Answered up = alice.callAnsweredBy(bob);
                SipAgent.Call call = up.call();
                SipAgent.Incoming ringing = up.callee();

                List<String> created = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                List<String> registered = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
                String callThroughA;
                try (Node a = start(NODE_A, "node-a"); SipTestClient toA = a.udpFrom("127.0.0.1");
                     SipTestClient carolToA = a.udpFrom("127.0.0.1");
                     SipTestClient daveAtB = b.udpFrom("127.0.0.1").repliesToRequestSource()) {
                    ApiClient apiA = a.api(projectId, token);
                    SipAgent dave = new SipAgent(new SipPhone(daveAtB, "dave", domain, PASSWORD));
                    dave.register();
                    SipAgent carol = new SipAgent(new SipPhone(carolToA, "carol", domain, PASSWORD));
                    carol.register();
                    // a call set up through A (dave answers to A, where the INVITE came from)
                    callThroughA = carol.callAnsweredBy(dave).call().callId;
                    assertThat(callStatus(callThroughA)).as("answered, and on record before the caller heard it")
                            .isEqualTo("in-progress");
                    Thread writes = Thread.ofVirtual().start(() -> {
                        for (int i = 0; ; i++) {
                            try {
                                var r = apiA.post(ENDPOINTS, Map.of("username", "w" + i, "password", PASSWORD));
                                if (r.status() != 201) {
                                    return;
                                }
                                created.add(r.json().get("id").asText());
                            } catch (RuntimeException gone) {
                                return;
                            }
                        }
                    });
                    Thread registrations = Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < phones; i++) {
                            SipResponse r = new SipPhone(toA, "phone" + i, domain, PASSWORD).register(600);
                            if (r == null || r.status() != 200) {
                                return;
                            }
                            registered.add("phone" + i);
                        }
                    });
                    assertThat(await(() -> created.size() >= 10 && registered.size() >= 10, 30_000))
                            .as("A acknowledges writes and registrations before it dies").isTrue();
                    a.process().kill();
                    writes.join(30_000);
                    registrations.join(30_000);
                }

                for (String id : List.copyOf(created)) {
                    assertThat(apiB.get(ENDPOINTS + "/" + id).status()).as("endpoint %s A answered 201 for", id)
                            .isEqualTo(200);
                }
                Map<String, String> ids = new HashMap<>();
                for (JsonNode e : apiB.get(ENDPOINTS + "?page_size=1000").json().get("data")) {
                    ids.put(e.get("username").asText(), e.get("id").asText());
                }
                for (String user : List.copyOf(registered)) {
                    assertThat(apiB.get(ENDPOINTS + "/" + ids.get(user) + "/registrations").json().get("data"))
                            .as("the binding of %s A answered 200 for", user).hasSize(1);
                }

                await(() -> "completed".equals(callStatus(callThroughA)), 30_000);
                assertThat(callStatus(callThroughA)).as("B ends the answered call A left open in the log")
                        .isEqualTo("completed");
                assertThat(callReason(callThroughA)).startsWith("node node-a stopped before the call ended");

                SipMsg byeOk = call.byeAnsweredBy(ringing);
                assertThat(byeOk).as("the call through B hangs up after A died").isNotNull();
                assertThat(byeOk.status()).isEqualTo(200);

                try (SipTestClient moved = b.udpFrom("127.0.0.1").repliesToRequestSource()) {
                    SipAgent phone0 = new SipAgent(new SipPhone(moved, "phone0", domain, PASSWORD));
                    phone0.register(); // A's phone re-registers at B
                    SipAgent.Call again = alice.call("phone0");
                    SipAgent.Incoming rings = phone0.awaitCall(10_000);
                    assertThat(rings).as("a phone of the dead node is called at B").isNotNull();
                    rings.answer();
                    assertThat(again.awaitFinal(10_000).status()).isEqualTo(200);
                    again.ack();
                }
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

    private String callStatus(String sipCallId) {
        return DatabaseQueries.callColumn(dbUrl, sipCallId, "status");
    }

    private String callReason(String sipCallId) {
        return DatabaseQueries.callColumn(dbUrl, sipCallId, "reason");
    }

    private int outboxRows() {
        return DatabaseQueries.count(dbUrl, "SELECT count(*) FROM webhook_outbox");
    }

}
