package dev.sipyard.calllog;

import static dev.sipyard.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.store.NodeRuns;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.MovingClock;
import dev.sipyard.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Calls a dead node left open are ended by a live one, on a real database with a clock the test
 * moves. The server's own sweeper is set not to act within the test (an hour's silence).
 */
class OpenCallSweeperTest {
    private static final Duration DEAD_AFTER = Duration.ofSeconds(30);
    private static final Map<String, String> SETTINGS = Map.of("SIPYARD_WEBHOOK_RETRY_MAX", "1s",
            "SIPYARD_NODE_DEAD_SECONDS", "3600");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSilentNodesCallsEndAtItsLastSignOfLifeWithTheirFinalCallback(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, SETTINGS);
             CallbackReceiver receiver = new CallbackReceiver(0, StatusCallbacksTest.keys(server))) {
            Jdbi jdbi = server.server().database().jdbi();
            // an hour ago, so that the callbacks these calls queue are due at once for the server's outbox
            MovingClock clock = new MovingClock(java.time.Instant.now().minus(Duration.ofHours(1)));
            String project = server.createProject("sweep").project().id();
            long t0 = clock.millis();

            CallLog deadNode = new CallLog(jdbi, server.server().outbox(), clock, "node-x/run-1");
            CallLog liveNode = new CallLog(jdbi, server.server().outbox(), clock, "node-y/run-2");
            seen(jdbi, "node-x/run-1", t0);
            seen(jdbi, "node-y/run-2", t0);
            String answered = deadNode.open(StatusCallbacksTest.call(project, receiver.url("/ok")));
            String ringing = deadNode.open(StatusCallbacksTest.call(project, null));
            String ended = deadNode.open(StatusCallbacksTest.call(project, null));
            String elsewhere = liveNode.open(StatusCallbacksTest.call(project, null));
            deadNode.ringing(ringing);
            clock.advance(Duration.ofSeconds(1));
            deadNode.answered(answered);
            deadNode.ended(ended, "busy", 486, "Busy Here");
            clock.advance(Duration.ofSeconds(4));
            long lastSeen = clock.millis();
            seen(jdbi, "node-x/run-1", lastSeen); // then node x dies

            NodeRuns here = new NodeRuns(jdbi, "node-me", clock, DEAD_AFTER);
            CallLog hereLog = new CallLog(jdbi, server.server().outbox(), clock, here.run());
            OpenCallSweeper sweeper = new OpenCallSweeper(jdbi, hereLog, here, clock);
            here.beat();
            clock.advance(Duration.ofSeconds(20));
            here.beat();
            assertThat(sweeper.sweep()).as("node x is not silent for long enough yet").isZero();
            clock.advance(Duration.ofSeconds(15));
            here.beat();
            seen(jdbi, "node-y/run-2", clock.millis()); // node y keeps beating
            assertThat(sweeper.sweep()).as("the answered and the ringing call of node x").isEqualTo(2);
            assertThat(sweeper.sweep()).as("nothing is ended twice").isZero();

            Map<String, Object> a = row(jdbi, answered);
            assertThat(a.get("status")).isEqualTo("completed");
            assertThat(((Number) a.get("end_time")).longValue()).isEqualTo(lastSeen);
            assertThat(((Number) a.get("duration")).longValue()).isEqualTo(4);
            assertThat(a.get("sip_result_code")).isNull();
            assertThat((String) a.get("reason")).isEqualTo(
                    "node node-x stopped before the call ended; its end is when the node was last seen");
            Map<String, Object> r = row(jdbi, ringing);
            assertThat(r.get("status")).isEqualTo("failed");
            assertThat(((Number) r.get("end_time")).longValue()).isEqualTo(lastSeen);
            assertThat(((Number) r.get("duration")).longValue()).isZero();
            assertThat(row(jdbi, ended).get("status")).as("an ended call is left as it was").isEqualTo("busy");
            assertThat(row(jdbi, elsewhere).get("status")).as("a live node's call is its own").isEqualTo("initiated");
            assertThat(row(jdbi, elsewhere).get("end_time")).isNull();

            until("the answered call's callbacks are delivered", () -> receiver.of(answered).size() == 3);
            List<CallbackReceiver.Callback> got = receiver.of(answered);
            assertThat(got).extracting(c -> c.params().get("CallStatus"))
                    .containsExactly("initiated", "in-progress", "completed");
            assertThat(got).extracting(c -> c.params().get("SequenceNumber")).containsExactly("0", "1", "2");
            assertThat(got.get(2).params()).containsEntry("CallDuration", "4").doesNotContainKey("SipResultCode");
            assertThat(runs(jdbi)).as("node x is forgotten once nothing of it is open; y and this node stay")
                    .contains("node-y/run-2", here.run()).doesNotContain("node-x/run-1");
            hereLog.close();
            deadNode.close();
            liveNode.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNodeBackFromAGapInItsBeatsWaitsBeforeItSweeps(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, SETTINGS)) {
            Jdbi jdbi = server.server().database().jdbi();
            MovingClock clock = new MovingClock();
            NodeRuns here = new NodeRuns(jdbi, "node-me", clock, DEAD_AFTER);
            here.beat();
            clock.advance(Duration.ofSeconds(31));
            assertThat(here.steadyFor(DEAD_AFTER)).as("no beat for longer than a run may be silent").isFalse();
            here.beat(); // as after a database outage: every node's last beat is old, this one's too
            assertThat(here.steadyFor(DEAD_AFTER)).isFalse();
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofSeconds(10));
                here.beat();
            }
            assertThat(here.steadyFor(DEAD_AFTER)).as("steady again for as long as a run may be silent").isTrue();
        }
    }

    @Test
    void aNodeThatCannotReachTheDatabaseIsNeverSteady() {
        MovingClock clock = new MovingClock();
        NodeRuns away = new NodeRuns(Jdbi.create("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1"), "node-me",
                clock, DEAD_AFTER);
        for (int i = 0; i < 5; i++) {
            away.beat();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(away.steadyFor(DEAD_AFTER)).isFalse();
    }

    private static void seen(Jdbi jdbi, String run, long at) {
        jdbi.useHandle(h -> {
            if (h.createUpdate("UPDATE node_runs SET seen_at = :at WHERE run = :run").bind("at", at).bind("run", run)
                    .execute() == 0) {
                h.createUpdate("INSERT INTO node_runs (run, node_id, started_at, seen_at) VALUES (:run, :node, :at, :at)")
                        .bind("run", run).bind("node", run.substring(0, run.indexOf('/'))).bind("at", at).execute();
            }
        });
    }

    private static Map<String, Object> row(Jdbi jdbi, String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM calls WHERE id = :id").bind("id", id).mapToMap().one());
    }

    private static List<String> runs(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT run FROM node_runs").mapTo(String.class).list());
    }
}
