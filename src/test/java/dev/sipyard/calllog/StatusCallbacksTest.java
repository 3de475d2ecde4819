package dev.sipyard.calllog;

import static dev.sipyard.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestServer;
import dev.sipyard.webhook.Outbox;
import dev.sipyard.webhook.WebhookClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Status callbacks written by the call log and delivered by the outbox of a real server. */
class StatusCallbacksTest {
    private static final Map<String, String> FAST_RETRIES = Map.of("SIPYARD_WEBHOOK_RETRY_MAX", "1s");
    private static final List<String> LIFECYCLE = List.of("initiated", "ringing", "in-progress", "completed");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReceiverThatWasDownGetsEveryCallbackOnceAndInOrder(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, FAST_RETRIES);
             CallbackReceiver receiver = new CallbackReceiver(0, keys(server))) {
            receiver.status.set(503);
            String project = server.createProject("cb").project().id();
            CallLog calls = server.server().callLog();
            String a = calls.open(call(project, receiver.url("/ok")));
            String b = calls.open(call(project, receiver.url("/ok")));
            for (String id : List.of(a, b)) {
                calls.ringing(id);
                calls.answered(id);
                calls.ringing(id); // late: ignored
                calls.ended(id, "completed", 200, "caller hung up");
                calls.ended(id, "failed", 500, "twice"); // after the end: ignored
            }
            until("the receiver was tried while down", () -> receiver.attempts.get() >= 3);
            assertThat(receiver.accepted).isEmpty();

            receiver.status.set(200);
            until("every callback delivered", () -> outboxRows(server) == 0);
            assertThat(receiver.accepted).hasSize(8);
            for (String id : List.of(a, b)) {
                List<CallbackReceiver.Callback> got = receiver.of(id);
                assertThat(got).extracting(c -> c.params().get("SequenceNumber")).containsExactly("0", "1", "2", "3");
                assertThat(got).extracting(c -> c.params().get("CallStatus")).containsExactlyElementsOf(LIFECYCLE);
                assertThat(got).allMatch(CallbackReceiver.Callback::signatureValid);
                Map<String, String> last = got.get(3).params();
                assertThat(last).containsEntry("CallDuration", "0").containsEntry("SipResultCode", "200")
                        .containsEntry("AccountSid", project).containsEntry("ApiVersion", "2010-04-01")
                        .containsEntry("From", "+15551230000").containsEntry("To", "sip:bob@example.com")
                        .containsEntry("Direction", "inbound").containsEntry("CallerName", "Alice")
                        .containsEntry("ParentCallSid", "").containsEntry("CallbackSource", "call-progress-events");
                assertThat(last.get("Timestamp")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");
                assertThat(got.get(0).params()).doesNotContainKey("CallDuration");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void callbacksSurviveARestartWhileTheReceiverIsDown(Backend backend) throws Exception {
        TestServer first = TestServer.start(backend, FAST_RETRIES);
        String id;
        int port;
        try (CallbackReceiver receiver = new CallbackReceiver(0, keys(first))) {
            receiver.status.set(503);
            port = receiver.port();
            String project = first.createProject("restart").project().id();
            id = first.server().callLog().open(call(project, receiver.url("/ok")));
            first.server().callLog().ringing(id);
            first.server().callLog().ended(id, "no-answer", 480, "ring timeout");
            until("a delivery answered 503", () -> attemptsMade(first) > 0);
        }
        first.close();
        // the receiver is gone now (connections refused) and the server restarts
        try (TestServer second = first.restart(FAST_RETRIES)) {
            int before = attemptsMade(second);
            until("a delivery refused after the restart", () -> attemptsMade(second) > before);
            try (CallbackReceiver back = new CallbackReceiver(port, keys(second))) {
                until("callbacks delivered after the restart", () -> outboxRows(second) == 0);
                List<CallbackReceiver.Callback> got = back.of(id);
                assertThat(got).extracting(c -> c.params().get("SequenceNumber")).containsExactly("0", "1", "2");
                assertThat(got).extracting(c -> c.params().get("CallStatus"))
                        .containsExactly("initiated", "ringing", "no-answer");
                assertThat(got.get(2).params()).containsEntry("SipResultCode", "480").containsEntry("CallDuration", "0");
                assertThat(got).allMatch(CallbackReceiver.Callback::signatureValid);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailingCallDoesNotHoldBackAnotherCallsCallbacks(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, FAST_RETRIES);
             CallbackReceiver receiver = new CallbackReceiver(0, keys(server))) {
            String project = server.createProject("keys").project().id();
            CallLog calls = server.server().callLog();
            String failing = calls.open(call(project, receiver.url("/fail")));
            String fine = calls.open(call(project, receiver.url("/ok")));
            for (String id : List.of(failing, fine)) {
                calls.ringing(id);
                calls.answered(id);
                calls.ended(id, "completed", 200, null);
            }
            until("the healthy call's callbacks delivered", () -> receiver.of(fine).size() == 4);
            until("the failing head retried", () -> attemptsOf(server, failing).get(0) >= 2);
            List<Integer> attempts = attemptsOf(server, failing);
            assertThat(attempts).hasSize(4);
            assertThat(attempts.subList(1, 4)).containsOnly(0); // never sent ahead of the head
            assertThat(receiver.of(failing)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCallbackUrlSetLaterReceivesTheFollowingChanges(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, FAST_RETRIES);
             CallbackReceiver receiver = new CallbackReceiver(0, keys(server))) {
            String project = server.createProject("later").project().id();
            CallLog calls = server.server().callLog();
            String id = calls.open(call(project, null));
            assertThat(outboxRows(server)).isZero();
            calls.statusCallback(id, receiver.url("/ok"), "post");
            calls.answered(id);
            calls.ended(id, "busy", 486, "busy here");
            until("both callbacks delivered", () -> receiver.of(id).size() == 2);
            assertThat(receiver.of(id)).extracting(c -> c.params().get("CallStatus")).containsExactly("in-progress", "busy");
            assertThat(receiver.of(id)).extracting(c -> c.params().get("SequenceNumber")).containsExactly("0", "1");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCallbackUrlChangedOnAnotherNodeReceivesTheChangesThisNodeMakesNext(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, FAST_RETRIES);
             CallbackReceiver receiver = new CallbackReceiver(0, keys(server))) {
            String project = server.createProject("moved").project().id();
            CallLog calls = server.server().callLog();
            CallLog otherNode = new CallLog(server.server().database().jdbi(), server.server().outbox(),
                    Clock.systemUTC());
            try {
                String id = calls.open(call(project, receiver.url("/ok/first")));
                calls.ringing(id);
                otherNode.statusCallback(id, receiver.url("/ok/second"), "post");
                calls.answered(id);
                calls.ended(id, "completed", 200, null);
                until("four callbacks delivered", () -> receiver.of(id).size() == 4);
                assertThat(receiver.of(id)).extracting(c -> c.path() + " " + c.params().get("CallStatus"))
                        .containsExactly("/ok/first initiated", "/ok/first ringing", "/ok/second in-progress",
                                "/ok/second completed");
                assertThat(receiver.of(id)).extracting(c -> c.params().get("SequenceNumber"))
                        .containsExactly("0", "1", "2", "3");
            } finally {
                otherNode.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCallEndedByAnotherNodeStaysEndedWhenThisNodeMovesItLater(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, FAST_RETRIES)) {
            String project = server.createProject("ended").project().id();
            CallLog calls = server.server().callLog();
            CallLog otherNode = new CallLog(server.server().database().jdbi(), server.server().outbox(),
                    Clock.systemUTC());
            try {
                String id = calls.open(call(project, null)); // no callback: the status alone must hold
                calls.ringing(id);
                otherNode.ended(id, "failed", null, "its node stopped");
                calls.answered(id);
                calls.ended(id, "completed", 200, "caller hung up");
                Jdbi jdbi = server.server().database().jdbi();
                Map<String, Object> row = jdbi.withHandle(h -> h.createQuery(
                        "SELECT status, reason, answer_time FROM calls WHERE id = :id").bind("id", id).mapToMap().one());
                assertThat(row).containsEntry("status", "failed").containsEntry("reason", "its node stopped");
                assertThat(row.get("answer_time")).isNull();
                List<String> statuses = jdbi.withHandle(h -> h.createQuery("SELECT detail FROM call_events "
                        + "WHERE call_id = :id AND kind = 'status' ORDER BY id").bind("id", id).mapTo(String.class).list());
                assertThat(statuses)
                        .containsExactly("{\"status\":\"initiated\"}", "{\"status\":\"ringing\"}",
                                "{\"status\":\"failed\"}");
            } finally {
                otherNode.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void twoNodesOnOneDatabaseDeliverEachCallbackOnceInOrder(Backend backend) throws Exception {
        try (TestServer server = TestServer.start(backend, FAST_RETRIES);
             CallbackReceiver receiver = new CallbackReceiver(0, keys(server));
             WebhookClient otherClient = WebhookClient.over(server.server().database().jdbi(), false);
             Outbox otherNode = new Outbox(server.server().database().jdbi(), otherClient,
                     server.settings().calls(), Clock.systemUTC()).start()) {
            String project = server.createProject("nodes").project().id();
            CallLog calls = server.server().callLog();
            List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String id = calls.open(call(project, receiver.url("/ok")));
                ids.add(id);
                calls.ringing(id);
                calls.answered(id);
                calls.ended(id, "completed", 200, null);
                otherNode.wake();
            }
            until("every callback delivered", () -> outboxRows(server) == 0);
            assertThat(receiver.accepted).hasSize(40);
            for (String id : ids) {
                assertThat(receiver.of(id)).extracting(c -> c.params().get("SequenceNumber"))
                        .containsExactly("0", "1", "2", "3");
            }
        }
    }

    static NewCall call(String project, String callbackUrl) {
        return new NewCall(project, null, "inbound", "+15551230000", "sip:bob@example.com", "Alice", null, null,
                "abc@127.0.0.1", callbackUrl, null);
    }

    static java.util.function.Function<String, String> keys(TestServer server) {
        Jdbi jdbi = server.server().database().jdbi();
        return project -> jdbi.withHandle(h -> h.createQuery("SELECT signing_key FROM projects WHERE id = :id")
                .bind("id", project).mapTo(String.class).one());
    }

    private static int outboxRows(TestServer server) {
        return server.server().database().jdbi().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM webhook_outbox").mapTo(Integer.class).one());
    }

    private static int attemptsMade(TestServer server) {
        return server.server().database().jdbi().withHandle(h ->
                h.createQuery("SELECT COALESCE(MAX(attempts), 0) FROM webhook_outbox").mapTo(Integer.class).one());
    }

    private static List<Integer> attemptsOf(TestServer server, String callId) {
        return server.server().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT attempts FROM webhook_outbox WHERE ordering_key = :key ORDER BY id")
                .bind("key", callId).mapTo(Integer.class).list());
    }

}
