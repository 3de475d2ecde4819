package dev.sipyard.calllog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.MovingClock;
import dev.sipyard.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the call log writes to {@code calls} and {@code call_events}, with a clock the test moves. */
class CallLogRecordsTest {

    /** A clock that stands still until the test moves it. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void eachStepIsRecordedAndTheDurationCountsFromTheAnswer(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend)) {
            Jdbi jdbi = server.server().database().jdbi();
            MovingClock clock = new MovingClock();
            CallLog calls = new CallLog(jdbi, server.server().outbox(), clock);
            String project = server.createProject("records").project().id();
            String parent = calls.open(StatusCallbacksTest.call(project, null));
            String id = calls.open(new NewCall(project, parent, "outbound-dial", "alice", "+15557654321", null,
                    null, null, "leg@127.0.0.1", null, null));
            long started = clock.millis();
            calls.decided(id, "laml_webhooks", "run document");
            Map<String, Object> fetch = new LinkedHashMap<>();
            fetch.put("url", "https://app.example.com/voice");
            fetch.put("status", 200);
            fetch.put("ms", 42);
            fetch.put("signature", "must-not-be-stored");
            fetch.put("body", "x".repeat(10_000));
            calls.event(id, "fetch", fetch);
            clock.advance(Duration.ofSeconds(3));
            calls.ringing(id);
            clock.advance(Duration.ofSeconds(2));
            calls.answered(id);
            calls.answered(id);
            clock.advance(Duration.ofMillis(65_400));
            calls.ended(id, "completed", 200, "callee hung up");
            clock.advance(Duration.ofSeconds(5));
            calls.ended(id, "failed", 500, "late");
            calls.ringing(id);

            Map<String, Object> row = jdbi.withHandle(h -> h.createQuery("SELECT * FROM calls WHERE id = :id")
                    .bind("id", id).mapToMap().one());
            assertThat(row.get("status")).isEqualTo("completed");
            assertThat(row.get("parent_call_id")).isEqualTo(parent);
            assertThat(row.get("direction")).isEqualTo("outbound-dial");
            assertThat(row.get("handler")).isEqualTo("laml_webhooks");
            assertThat(row.get("decision")).isEqualTo("run document");
            assertThat(((Number) row.get("duration")).longValue()).isEqualTo(65);
            assertThat(((Number) row.get("sip_result_code")).intValue()).isEqualTo(200);
            assertThat(row.get("reason")).isEqualTo("callee hung up");
            assertThat(((Number) row.get("start_time")).longValue()).isEqualTo(started);
            assertThat(((Number) row.get("answer_time")).longValue()).isEqualTo(started + 5_000);
            assertThat(((Number) row.get("end_time")).longValue()).isEqualTo(started + 70_400);
            assertThat(((Number) row.get("callback_sequence")).intValue()).isZero();

            List<Map<String, Object>> events = jdbi.withHandle(h -> h.createQuery(
                    "SELECT kind, detail FROM call_events WHERE call_id = :id ORDER BY id").bind("id", id).mapToMap().list());
            assertThat(events).extracting(e -> e.get("kind"))
                    .containsExactly("status", "decision", "fetch", "status", "status", "status");
            assertThat(events).extracting(e -> e.get("detail").toString()).containsSubsequence(
                    "{\"status\":\"initiated\"}", "{\"handler\":\"laml_webhooks\",\"decision\":\"run document\"}");
            var fetched = new ObjectMapper().readTree(events.get(2).get("detail").toString());
            assertThat(fetched.get("status").asInt()).isEqualTo(200);
            assertThat(fetched.has("signature")).isFalse();
            assertThat(fetched.get("body").asText().length()).isLessThan(600);
            assertThat(events.get(5).get("detail").toString()).isEqualTo("{\"status\":\"completed\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCallNeverAnsweredLastsZeroSecondsAndUnknownCallsAreIgnored(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            CallLog calls = server.server().callLog();
            String project = server.createProject("short").project().id();
            String id = calls.open(StatusCallbacksTest.call(project, null));
            calls.ended(id, "canceled", 487, "caller cancelled");
            Map<String, Object> row = server.server().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT status, duration, answer_time FROM calls WHERE id = :id").bind("id", id).mapToMap().one());
            assertThat(row.get("status")).isEqualTo("canceled");
            assertThat(((Number) row.get("duration")).intValue()).isZero();
            assertThat(row.get("answer_time")).isNull();

            String unknown = "01900000-0000-7000-8000-000000000000";
            calls.ringing(unknown);
            calls.ended(unknown, "failed", 500, null);
            calls.event(unknown, "error", Map.of("message", "x"));
            calls.decided(unknown, "passthrough", "ring");
            assertThatThrownBy(() -> calls.ended(id, "finished", null, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finished");
        }
    }

    /**
     * Under load the writer commits many writes at once and batches the status moves of the calls
     * it remembers. When another node has moved one of those rows meanwhile, the batch must not
     * count the move that did not apply: it is applied again write by write, and the stale move
     * falls back on reading the row.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBatchedMoveOfARowAnotherNodeChangedIsNotCountedAsDone(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend)) {
            Jdbi jdbi = server.server().database().jdbi();
            MovingClock clock = new MovingClock();
            CallLog nodeA = new CallLog(jdbi, server.server().outbox(), clock);
            CallLog nodeB = new CallLog(jdbi, server.server().outbox(), clock);
            try {
                String project = server.createProject("batched").project().id();
                String blocker = nodeA.open(StatusCallbacksTest.call(project, null));
                String stale = nodeA.open(StatusCallbacksTest.call(project, null));
                String fresh = nodeA.open(StatusCallbacksTest.call(project, null));
                long answeredByB = clock.millis() + 1_000;
                clock.advance(Duration.ofSeconds(1));
                nodeB.answered(stale);
                clock.advance(Duration.ofSeconds(4));

                // hold a write on the blocker's row, so node A's writes queue up behind it and go as one batch
                List<java.util.concurrent.CompletableFuture<Boolean>> writes;
                try (var lock = jdbi.open()) {
                    lock.begin();
                    lock.createUpdate("UPDATE calls SET updated_at = updated_at WHERE id = :id").bind("id", blocker)
                            .execute();
                    writes = List.of(nodeA.ringingQueued(blocker), nodeA.ringingQueued(fresh),
                            nodeA.answeredQueued(stale), nodeA.answeredQueued(fresh),
                            nodeA.endedQueued(fresh, "completed", 200, "hung up"));
                    lock.commit();
                }
                writes.forEach(java.util.concurrent.CompletableFuture::join);
                clock.advance(Duration.ofSeconds(10));
                nodeA.ended(stale, "completed", 200, "hung up");

                Map<String, Object> staleRow = jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, answer_time, duration FROM calls WHERE id = :id").bind("id", stale).mapToMap().one());
                assertThat(staleRow.get("status")).isEqualTo("completed");
                assertThat(((Number) staleRow.get("answer_time")).longValue()).isEqualTo(answeredByB);
                assertThat(((Number) staleRow.get("duration")).longValue()).isEqualTo(14);
                assertThat(statuses(jdbi, stale)).containsExactly(
                        "{\"status\":\"initiated\"}", "{\"status\":\"in-progress\"}", "{\"status\":\"completed\"}");
                assertThat(statuses(jdbi, fresh)).containsExactly("{\"status\":\"initiated\"}",
                        "{\"status\":\"ringing\"}", "{\"status\":\"in-progress\"}", "{\"status\":\"completed\"}");
                assertThat(statuses(jdbi, blocker)).containsExactly(
                        "{\"status\":\"initiated\"}", "{\"status\":\"ringing\"}");
            } finally {
                nodeA.close();
                nodeB.close();
            }
        }
    }

    private static List<String> statuses(Jdbi jdbi, String callId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT detail FROM call_events WHERE call_id = :id AND kind = 'status' ORDER BY id")
                .bind("id", callId).mapTo(String.class).list());
    }
}
