package dev.sipyard.process;

import static dev.sipyard.testing.Await.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Await;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.RestartablePostgres;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
import dev.sipyard.testing.SipPhone;
import dev.sipyard.testing.SipResponse;
import dev.sipyard.testing.SipTestClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL restarts while two nodes run (issue 11, item 5): each answers 503 with Retry-After
 * to what needs the database, never a 500, a hang or a stack trace; each recovers by itself once
 * PostgreSQL is back; and nothing acknowledged before or during the outage is missing.
 * PostgreSQL only: a SQLite file does not go away.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DatabaseRestartProcessTest extends ProcessTestBase {
    private static final String PASSWORD = "correct-horse-battery";
    /**
     * How long PostgreSQL stays down: 12 s in the suite, to keep CI short; issue 11 asks for up to
     * 30 s, which {@code -Dsipyard.test.outageSeconds=30} runs (bench/README, "PostgreSQL restart").
     */
    private static final long OUTAGE_NANOS =
            TimeUnit.SECONDS.toNanos(Long.getLong("sipyard.test.outageSeconds", 12));
    /** Far shorter than the outage: no node may take another for dead because the database was away. */
    private static final int NODE_DEAD_SECONDS = 3;

    @Test
    void nodesRefuseWithRetryAfterWhileTheDatabaseIsDownRecoverByThemselvesAndLoseNothingAcknowledged() throws Exception {
        try (RestartablePostgres pg = new RestartablePostgres(dataDir.resolve("pg"));
             DocumentServer app = new DocumentServer()) {
            String dbUrl = pg.createDatabase("sipyard");
            Map<String, String> settings = new HashMap<>(SipyardProcess.settings(dataDir, dbUrl));
            settings.put("SIPYARD_WEBHOOK_RETRY_MAX", "1s");
            settings.put("SIPYARD_NODE_DEAD_SECONDS", String.valueOf(NODE_DEAD_SECONDS));
            JsonNode project = ProcessSetup.createProject(settings, logDir, "restart");
            int sipPort = SipyardProcess.freePort();
            int otherSipPort = SipyardProcess.freePort();
            int receiverPort = SipyardProcess.freePort();
            String statusUrl = "http://127.0.0.1:" + receiverPort + "/status";
            app.cxml("/voice", "<Response><Reject/></Response>");

            try (SipyardProcess node = SipyardProcess.serve(node(settings, "node-a", sipPort), logDir);
                 SipyardProcess other = SipyardProcess.serve(node(settings, "node-b", otherSipPort), logDir);
                 SipTestClient aliceSocket = udp(sipPort);
                 SipTestClient daveSocket = udp(otherSipPort);
                 SipTestClient bobSocket = udp(sipPort).repliesToRequestSource();
                 SipTestClient carolSocket = udp(sipPort)) {
                ApiClient api = new ApiClient(node.baseUrl(), project.get("project_id").asText(),
                        project.get("token").asText());
                ApiClient otherApi = new ApiClient(other.baseUrl(), project.get("project_id").asText(),
                        project.get("token").asText());
                String domain = api.get("/api/relay/rest/sip_profile").json().get("domain").asText();
                List<String> acknowledged = new ArrayList<>();
                for (String user : List.of("alice", "bob", "dave")) {
                    assertThat(api.post(ENDPOINTS, Map.of("username", user, "password", PASSWORD)).status())
                            .isEqualTo(201);
                    acknowledged.add(user);
                }
                assertThat(api.post(ENDPOINTS, Map.of("username", "carol", "password", PASSWORD,
                        "call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                        "call_status_callback_url", statusUrl)).status()).isEqualTo(201);
                acknowledged.add("carol");
                SipAgent alice = new SipAgent(new SipPhone(aliceSocket, "alice", domain, PASSWORD));
                SipAgent bob = new SipAgent(new SipPhone(bobSocket, "bob", domain, PASSWORD));
                SipAgent carol = new SipAgent(new SipPhone(carolSocket, "carol", domain, PASSWORD));
                SipPhone dave = new SipPhone(daveSocket, "dave", domain, PASSWORD); // through node B
                alice.register();
                bob.register();
                carol.register();
                assertThat(dave.register(600).status()).isEqualTo(200);

                // two refused calls whose status callbacks wait in the outbox (the receiver is not up yet)
                for (int i = 0; i < 2; i++) {
                    assertThat(carol.call("anyone").awaitFinal(10_000).status()).isEqualTo(603);
                }
                // an answered call, to be hung up while the database is down, and one that stays up through it
                SipAgent.Answered hungUp = alice.callAnsweredBy(bob);
                SipAgent.Call call = hungUp.call();
                SipAgent.Incoming ringing = hungUp.callee();
                assertThat(ringing.awaitAck(5000)).isNotNull();
                SipAgent.Answered held = alice.callAnsweredBy(bob);

                pg.stop();
                long stopped = System.nanoTime();

                SipMsg byeOk = call.byeAnsweredBy(ringing);
                assertThat(byeOk).as("a call in progress ends while the database is down").isNotNull();
                assertThat(byeOk.status()).isEqualTo(200);

                Await.until("the node reports the database down", () -> api.get("/api/healthz").status() == 503);
                long noticed = System.nanoTime() - stopped;
                assertRefused(timed(() -> api.post(ENDPOINTS, Map.of("username", "frank", "password", PASSWORD))));
                assertRefused(timed(() -> api.get(ENDPOINTS)));
                assertRefused(timed(() -> otherApi.post(ENDPOINTS, Map.of("username", "grace", "password", PASSWORD))));
                SipResponse register = alice.phone().register(600);
                assertThat(register).as("REGISTER answered while the database is down").isNotNull();
                assertThat(register.status()).isEqualTo(503);
                assertThat(register.first("Retry-After")).isEqualTo("5");
                SipMsg invite = carol.call("anyone").awaitFinal(10_000);
                assertThat(invite).as("INVITE answered while the database is down").isNotNull();
                assertThat(invite.status()).isEqualTo(503);
                assertThat(invite.first("Retry-After")).isEqualTo("5");

                try (DocumentServer receiver = new DocumentServer(receiverPort)) {
                    receiver.cxml("/status", "<Response/>");
                    // traffic for the rest of the outage: each answer a 503, none a 500 or a time-out
                    int refusals = 0;
                    while (System.nanoTime() - stopped < OUTAGE_NANOS) {
                        assertRefused(timed(() -> api.get(ENDPOINTS)));
                        assertRefused(timed(() -> otherApi.get(ENDPOINTS)));
                        SipResponse r = timed(() -> bob.phone().register(600));
                        assertThat(r).isNotNull();
                        assertThat(r.status()).isEqualTo(503);
                        SipResponse onB = timed(() -> dave.register(600));
                        assertThat(onB).isNotNull();
                        assertThat(onB.status()).isEqualTo(503);
                        refusals += 4;
                    }
                    assertThat(node.isAlive()).isTrue();
                    assertThat(other.isAlive()).isTrue();
                    System.out.println("database down " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)
                            + " ms; node A reported it after " + TimeUnit.NANOSECONDS.toMillis(noticed) + " ms; "
                            + refusals + " requests refused, the slowest answered in "
                            + TimeUnit.NANOSECONDS.toMillis(slowestNanos) + " ms");

                    pg.start();
                    long restarted = System.nanoTime();
                    Await.until("a REGISTER is accepted again", () -> {
                        SipResponse r = alice.phone().register(600);
                        return r != null && r.status() == 200;
                    });
                    long registers = System.nanoTime() - restarted;
                    assertThat(await(() -> api.post(ENDPOINTS, Map.of("username", "erin", "password", PASSWORD))
                            .status() == 201, 60_000)).as("an API write is accepted again").isTrue();
                    acknowledged.add("erin");
                    long writes = System.nanoTime() - restarted;
                    Await.until("node B registers again", () -> {
                        SipResponse r = dave.register(600);
                        return r != null && r.status() == 200;
                    });
                    long otherRegisters = System.nanoTime() - restarted;
                    assertThat(otherApi.get(ENDPOINTS).status()).isEqualTo(200);
                    System.out.println("recovery after PostgreSQL was back: REGISTER 200 after "
                            + TimeUnit.NANOSECONDS.toMillis(registers) + " ms, API 201 after "
                            + TimeUnit.NANOSECONDS.toMillis(writes) + " ms; node B: REGISTER 200 after "
                            + TimeUnit.NANOSECONDS.toMillis(otherRegisters) + " ms");

                    // nothing acknowledged is missing; nothing refused was stored
                    List<String> listed = new ArrayList<>();
                    api.get(ENDPOINTS + "?page_size=100").json().get("data")
                            .forEach(e -> listed.add(e.get("username").asText()));
                    assertThat(listed).containsExactlyInAnyOrderElementsOf(acknowledged);
                    receiver.awaitRequests("/status", 4, 90_000);
                    assertThat(await(() -> DatabaseQueries.count(dbUrl, "SELECT count(*) FROM webhook_outbox") == 0, 30_000))
                            .as("the outbox is drained").isTrue();
                    assertOnceEachInOrder(receiver.requests("/status"), 2);
                    assertThat(await(() -> DatabaseQueries.count(dbUrl, "SELECT count(*) FROM calls WHERE status = 'completed'") == 1,
                            30_000)).as("the call hung up during the outage is logged as completed").isTrue();
                    assertThat(DatabaseQueries.count(dbUrl, "SELECT count(*) FROM calls")).isEqualTo(4);

                    // Every node's last sign of life is 30 s old now, far beyond SIPYARD_NODE_DEAD_SECONDS; the
                    // nodes must not take each other for dead. A negative, so it can only be watched for a while:
                    // 3 times the silence allowed covers the steady streak a node needs and several sweeps after it.
                    Thread.sleep(3_000L * NODE_DEAD_SECONDS);
                    String heldCall = held.call().callId;
                    assertThat(DatabaseQueries.callColumn(dbUrl, heldCall, "status"))
                            .as("a call up through the outage is not ended by a sweep").isEqualTo("in-progress");
                    SipMsg heldBye = held.call().byeAnsweredBy(held.callee());
                    assertThat(heldBye).isNotNull();
                    assertThat(heldBye.status()).isEqualTo(200);
                    assertThat(await(() -> "completed".equals(DatabaseQueries.callColumn(dbUrl, heldCall, "status")),
                            10_000)).as("and ends when it is hung up").isTrue();
                    assertThat(DatabaseQueries.count(dbUrl, "SELECT count(*) FROM sip_registrations")).isEqualTo(4);
                }
                for (SipyardProcess n : List.of(node, other)) {
                    String log = n.stderr();
                    assertThat(log).contains("the database is unreachable").contains("the database is reachable again");
                    assertThat(log).doesNotContain("\tat ");
                }
            }
        }
    }

    @Test
    void aNodeStartedWhileTheDatabaseIsDownSaysSoAndExits() {
        try (RestartablePostgres pg = new RestartablePostgres(dataDir.resolve("pg"))) {
            String dbUrl = pg.createDatabase("sipyard");
            pg.stop();
            SipyardProcess.Result r = SipyardProcess.serveExpectingExit(
                    ProcessSetup.withSip(SipyardProcess.settings(dataDir, dbUrl), SipyardProcess.freePort()), logDir);
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.stderr()).contains("cannot open the database SIPYARD_DB=").doesNotContain("\tat ");
        }
    }

    /** The slowest answer {@link #timed} saw while the database was down. */
    private long slowestNanos;

    /** {@code request}'s result, its time counted in {@link #slowestNanos} (reported, not asserted). */
    private <T> T timed(java.util.function.Supplier<T> request) {
        long start = System.nanoTime();
        T result = request.get();
        slowestNanos = Math.max(slowestNanos, System.nanoTime() - start);
        return result;
    }

    /** Settings of one node: its own data folder, SIP port and name. */
    private Map<String, String> node(Map<String, String> settings, String name, int sipPort) {
        Map<String, String> env = ProcessSetup.withSip(settings, sipPort);
        env.put("SIPYARD_DATA_DIR", dataDir.resolve(name).toString());
        env.put("SIPYARD_NODE_ID", name);
        return env;
    }

    private static void assertRefused(HttpResult r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(503);
        assertThat(r.header("Retry-After")).isEqualTo("5");
        assertThat(r.json().get("error").asText()).contains("database cannot be reached");
    }

    private static SipTestClient udp(int sipPort) {
        return SipTestClient.to("udp", "127.0.0.1", "127.0.0.1", sipPort);
    }
}
