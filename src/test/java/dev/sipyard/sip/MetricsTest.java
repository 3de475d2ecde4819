package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.Scrape;
import dev.sipyard.testing.SipAgent;
import dev.sipyard.testing.SipMsg;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /metrics} scraped over HTTP around real REST calls, REGISTERs (right and wrong
 * passwords, a ban) and a call: each series moves by exactly what was done.
 */
class MetricsTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String REGISTRATIONS = "sipyard_sip_registrations_total";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void restCallsAreCountedByRouteTemplateAndStatus(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String url = f.server.metricsBaseUrl() + "/metrics";
            String id = f.endpoint("alice", PASSWORD);
            String route = "/api/fabric/resources/sip_endpoints/{id}";
            Scrape before = Scrape.of(url);

            assertThat(f.api.get("/api/fabric/resources/sip_endpoints/" + id).status()).isEqualTo(200);
            assertThat(f.api.get("/api/fabric/resources/sip_endpoints/" + id).status()).isEqualTo(200);
            assertThat(f.api.get("/api/fabric/resources/sip_endpoints/no-such-id").status()).isEqualTo(404);
            Scrape after = Scrape.of(url);

            String count = "sipyard_http_requests_seconds_count";
            assertThat(after.value(count, "method", "GET", "route", route, "status", "200")
                    - before.value(count, "method", "GET", "route", route, "status", "200")).isEqualTo(2);
            assertThat(after.value(count, "method", "GET", "route", route, "status", "404")
                    - before.value(count, "method", "GET", "route", route, "status", "404")).isEqualTo(1);
            // a latency histogram: the request lands in the +Inf bucket as in every bucket above its time
            assertThat(after.value("sipyard_http_requests_seconds_bucket", "method", "GET", "route", route,
                    "status", "200", "le", "+Inf")).isEqualTo(2);
            assertThat(after.text()).as("ids never become labels").doesNotContain(id).doesNotContain("no-such-id");
            assertThat(after.value("sipyard_db_queries_seconds_count", "result", "ok"))
                    .isGreaterThan(before.value("sipyard_db_queries_seconds_count", "result", "ok"));
            assertThat(after.has("hikaricp_connections_active", "pool", "sipyard-db")).isTrue();
            assertThat(after.value("hikaricp_connections_max", "pool", "sipyard-db"))
                    .isEqualTo(f.server.settings().dbPoolSize());
            assertThat(after.has("jvm_memory_used_bytes", "area", "heap", "id", heapPool(after))).isTrue();
            assertThat(after.value("jvm_threads_live_threads")).isPositive();
            assertThat(after.has("process_cpu_usage")).isTrue();
            assertThat(after.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
            assertThat(after.value("sipyard_webhook_outbox_depth")).isZero();
            assertThat(after.value("sipyard_webhook_outbox_oldest_age_seconds")).isZero();
            assertThat(after.has("sipyard_webhook_requests_seconds_count", "result", "ok")).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void registrationsDigestFailuresAndBansAreCounted(Backend backend) {
        try (SipFixture f = new SipFixture(backend, Map.of("SIPYARD_SIP_GUARD_THRESHOLD", "2"))) {
            String url = f.server.metricsBaseUrl() + "/metrics";
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            f.endpoint("carol", PASSWORD);
            Scrape s0 = Scrape.of(url);
            assertThat(s0.value("sipyard_sip_bindings")).isZero();

            // right password: challenged, then bound
            assertThat(f.phone(f.udp(), "alice", PASSWORD).register(600).status()).isEqualTo(200);
            Scrape s1 = Scrape.of(url);
            assertThat(delta(s0, s1, REGISTRATIONS, "result", "challenge")).isEqualTo(1);
            assertThat(delta(s0, s1, REGISTRATIONS, "result", "ok")).isEqualTo(1);
            assertThat(delta(s0, s1, REGISTRATIONS, "result", "denied")).isZero();
            assertThat(s1.value("sipyard_sip_bindings")).isEqualTo(1);

            // wrong password: challenged, then refused, one digest failure
            HttpResult none = f.api.get("/api/relay/rest/sip_bans");
            assertThat(none.json().get("data")).isEmpty();
            assertThat(f.phone(f.client("UDP", "127.0.2.1"), "bob", "wrong-password-1").register(600).status())
                    .isEqualTo(403);
            Scrape s2 = Scrape.of(url);
            assertThat(delta(s1, s2, REGISTRATIONS, "result", "challenge")).isEqualTo(1);
            assertThat(delta(s1, s2, REGISTRATIONS, "result", "denied")).isEqualTo(1);
            assertThat(delta(s1, s2, REGISTRATIONS, "result", "ok")).isZero();
            assertThat(delta(s1, s2, "sipyard_sip_digest_failures_total", "reason", "wrong_password")).isEqualTo(1);
            assertThat(delta(s1, s2, "sipyard_sip_bans_decided_total")).isZero();
            assertThat(s2.value("sipyard_sip_bindings")).isEqualTo(1);

            // a second source fails twice: banned at its second failure
            for (int i = 0; i < 2; i++) {
                assertThat(f.phone(f.client("UDP", "127.0.3.1"), "carol", "wrong-password-2").register(600).status())
                        .isEqualTo(403);
            }
            Scrape s3 = Scrape.of(url);
            assertThat(delta(s2, s3, "sipyard_sip_digest_failures_total", "reason", "wrong_password")).isEqualTo(2);
            assertThat(delta(s2, s3, "sipyard_sip_bans_decided_total")).isEqualTo(1);
            assertThat(s3.value("sipyard_sip_bans_active")).isEqualTo(1);
            // the banned source is refused before any challenge
            assertThat(f.phone(f.client("UDP", "127.0.3.1"), "carol", PASSWORD).register(600).status())
                    .isEqualTo(403);
            Scrape s4 = Scrape.of(url);
            assertThat(delta(s3, s4, REGISTRATIONS, "result", "denied")).isEqualTo(1);
            assertThat(delta(s3, s4, REGISTRATIONS, "result", "challenge")).isZero();
            assertThat(delta(s3, s4, "sipyard_sip_digest_failures_total", "reason", "wrong_password")).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAnsweredCallIsCountedWithItsPostDialDelayAndIsActiveUntilItsBye(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String url = f.server.metricsBaseUrl() + "/metrics";
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = f.registeredAgent(f.udp(), "alice", PASSWORD);
            SipAgent bob = f.registeredAgent(f.udp(), "bob", PASSWORD);
            Scrape before = Scrape.of(url);
            assertThat(before.value("sipyard_calls_active")).isZero();
            String[] answered = {"sipyard_calls_total", "call_handler", "passthrough", "result", "answered"};
            String pdd = "sipyard_calls_post_dial_delay_seconds_count";

            SipAgent.Call call = alice.call("bob");
            SipAgent.Incoming in = bob.awaitCall(5000);
            assertThat(in).as("bob is offered the call").isNotNull();
            in.ring();
            assertThat(call.awaitProvisional(180, 5000)).as("alice hears ringing").isNotNull();
            Scrape ringing = Scrape.awaiting(url, s -> s.value(pdd) > before.value(pdd), 5000);
            assertThat(ringing.value(pdd) - before.value(pdd)).as("one post-dial delay, at the 180").isEqualTo(1);
            assertThat(ringing.value("sipyard_calls_active")).isEqualTo(1);
            in.answer();
            SipMsg ok = call.awaitFinal(5000);
            assertThat(ok.status()).isEqualTo(200);
            call.ack();

            Scrape up = Scrape.awaiting(url, s -> value(s, answered) > value(before, answered), 5000);
            assertThat(value(up, answered) - value(before, answered)).as(up.lines("sipyard_calls_total")).isEqualTo(1);
            assertThat(up.value(pdd) - before.value(pdd)).as("the answer does not count a second delay").isEqualTo(1);
            assertThat(up.value("sipyard_calls_active")).isEqualTo(1);
            assertThat(up.value("sipyard_calls_post_dial_delay_seconds_bucket", "le", "+Inf")
                    - before.value("sipyard_calls_post_dial_delay_seconds_bucket", "le", "+Inf")).isEqualTo(1);

            Thread byeAnswer = Thread.ofVirtual().start(() -> {
                SipMsg bye = alice.awaitRequest("BYE", 5000);
                alice.respond(bye, 200, "OK", null, false);
            });
            assertThat(in.bye().status()).isEqualTo(200);
            try {
                byeAnswer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Scrape down = Scrape.awaiting(url, s -> s.value("sipyard_calls_active") == 0, 5000);
            assertThat(down.value("sipyard_calls_active")).isZero();
            assertThat(value(down, answered) - value(before, answered)).isEqualTo(1);
            // endpoints route by their effective handler: passthrough unless set
            for (String result : new String[] {"busy", "no-answer", "canceled", "failed"}) {
                assertThat(down.has("sipyard_calls_total", "call_handler", "passthrough", "result", result)).isTrue();
                assertThat(delta(before, down, "sipyard_calls_total", "call_handler", "passthrough", "result", result))
                        .as(result).isZero();
            }
        }
    }

    /**
     * A call to an endpoint with no registration ends with 480, which the call log (and so the
     * metric) calls no-answer, under the handler that routed it, with no post-dial delay.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCallToAnUnregisteredEndpointCountsAsNoAnswerWithoutAPostDialDelay(Backend backend) {
        try (SipFixture f = new SipFixture(backend)) {
            String url = f.server.metricsBaseUrl() + "/metrics";
            f.endpoint("alice", PASSWORD);
            f.endpoint("bob", PASSWORD);
            SipAgent alice = f.registeredAgent(f.udp(), "alice", PASSWORD);
            Scrape before = Scrape.of(url);
            String[] noAnswer = {"sipyard_calls_total", "call_handler", "passthrough", "result", "no-answer"};

            SipAgent.Call call = alice.call("bob");
            assertThat(call.awaitFinal(5000).status()).isEqualTo(480);
            Scrape after = Scrape.awaiting(url, s -> value(s, noAnswer) > value(before, noAnswer), 5000);
            assertThat(value(after, noAnswer) - value(before, noAnswer)).as(after.lines("sipyard_calls_total"))
                    .isEqualTo(1);
            assertThat(delta(before, after, "sipyard_calls_post_dial_delay_seconds_count")).isZero();
            assertThat(after.value("sipyard_calls_active")).isZero();
        }
    }

    private static String heapPool(Scrape s) {
        return s.labelsOf("jvm_memory_used_bytes").stream().filter(l -> "heap".equals(l.get("area")))
                .map(l -> l.get("id")).findFirst().orElse("none");
    }

    private static double value(Scrape s, String[] nameAndLabels) {
        String[] labels = java.util.Arrays.copyOfRange(nameAndLabels, 1, nameAndLabels.length);
        return s.value(nameAndLabels[0], labels);
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }
}
