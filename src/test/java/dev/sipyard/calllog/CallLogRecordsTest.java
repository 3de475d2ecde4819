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
}
