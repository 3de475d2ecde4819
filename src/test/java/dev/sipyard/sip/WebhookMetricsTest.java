package dev.sipyard.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.DocumentServer;
import dev.sipyard.testing.Scrape;
import dev.sipyard.testing.SipAgent;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Webhook fetches and the status-callback outbox, as /metrics shows them around real calls. */
class WebhookMetricsTest {
    private static final String PASSWORD = "correct-horse-battery";
    private static final String REQUESTS = "sipyard_webhook_requests_seconds_count";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aFailedFetchAndItsFallbackAreTimedByResult(Backend backend) {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer()) {
            String url = f.server.metricsBaseUrl() + "/metrics";
            String alice = f.endpoint("alice", PASSWORD);
            app.status("/voice", 500);
            app.cxml("/fallback", "<Response><Hangup/></Response>");
            f.patchEndpoint(alice, Map.of("call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                    "call_fallback_url", app.url("/fallback")));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            Scrape before = Scrape.of(url);
            String[] failed = {"call_handler", "laml_webhooks", "result", "failed"};

            assertThat(a.call("anyone").awaitFinal(10_000).status()).isEqualTo(603);
            Scrape after = Scrape.awaiting(url, s -> s.value("sipyard_calls_total", failed)
                    > before.value("sipyard_calls_total", failed), 5000);
            assertThat(after.value(REQUESTS, "result", "http_error") - before.value(REQUESTS, "result", "http_error"))
                    .as("the 500 of /voice").isEqualTo(1);
            assertThat(after.value(REQUESTS, "result", "ok") - before.value(REQUESTS, "result", "ok"))
                    .as("the fallback document").isEqualTo(1);
            assertThat(after.value(REQUESTS, "result", "no_response") - before.value(REQUESTS, "result", "no_response"))
                    .isZero();
            assertThat(after.value("sipyard_calls_total", failed) - before.value("sipyard_calls_total", failed))
                    .isEqualTo(1);
            assertThat(after.value("sipyard_webhook_requests_seconds_bucket", "result", "ok", "le", "+Inf"))
                    .isEqualTo(after.value(REQUESTS, "result", "ok"));
            assertThat(after.value("sipyard_webhook_outbox_depth")).as("no status callback asked for").isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void undeliveredStatusCallbacksShowInTheOutboxUntilTheyAreDelivered(Backend backend) {
        try (SipFixture f = new SipFixture(backend); DocumentServer app = new DocumentServer()) {
            String url = f.server.metricsBaseUrl() + "/metrics";
            String alice = f.endpoint("alice", PASSWORD);
            app.cxml("/voice", "<Response><Reject reason=\"busy\"/></Response>");
            app.status("/status", 503);
            f.patchEndpoint(alice, Map.of("call_handler", "laml_webhooks", "call_request_url", app.url("/voice"),
                    "call_status_callback_url", app.url("/status")));
            SipAgent a = f.registeredAgent(f.udp(), "alice", PASSWORD);
            assertThat(Scrape.of(url).value("sipyard_webhook_outbox_depth")).isZero();

            assertThat(a.call("anyone").awaitFinal(10_000).status()).isEqualTo(486);
            app.awaitRequests("/status", 1, 10_000);
            Scrape waiting = Scrape.awaiting(url, s -> s.value("sipyard_webhook_outbox_oldest_age_seconds") > 0
                    && s.value(REQUESTS, "result", "http_error") > 0, 5000);
            assertThat(waiting.value("sipyard_webhook_outbox_depth")).as("the refused callbacks wait").isPositive();
            assertThat(waiting.value("sipyard_webhook_outbox_oldest_age_seconds")).isPositive();
            assertThat(waiting.value(REQUESTS, "result", "http_error")).as("each refused attempt").isPositive();

            app.cxml("/status", "<Response/>");
            // two gauges, each read at scrape time: a delivery may land between them, so await both
            Scrape delivered = Scrape.awaiting(url, s -> s.value("sipyard_webhook_outbox_depth") == 0
                    && s.value("sipyard_webhook_outbox_oldest_age_seconds") == 0, 20_000);
            assertThat(delivered.value("sipyard_webhook_outbox_depth")).isZero();
            assertThat(delivered.value("sipyard_webhook_outbox_oldest_age_seconds")).isZero();
        }
    }
}
