package dev.sipyard.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Requests to customers' URLs (document fetches and status callbacks): how long each took, by
 * result: {@code ok} (a usable 2xx), {@code http_error} (an answer that was not one: a non-2xx
 * status, a body too large) or {@code no_response} (invalid URL, refused address, connection
 * failure, time limit).
 */
public final class WebhookMeters {
    private final Timer ok;
    private final Timer httpError;
    private final Timer noResponse;

    public WebhookMeters(MeterRegistry registry) {
        ok = timer(registry, "ok");
        httpError = timer(registry, "http_error");
        noResponse = timer(registry, "no_response");
    }

    /** Meters that count into a registry nobody reads. */
    public static WebhookMeters unread() {
        return new WebhookMeters(new SimpleMeterRegistry());
    }

    private static Timer timer(MeterRegistry registry, String result) {
        return Timer.builder("sipyard.webhook.requests")
                .description("Webhook requests (documents and callbacks), redirects included, by result")
                .tag("result", result)
                .serviceLevelObjectives(CallMeters.seconds(0.05), CallMeters.seconds(0.1), CallMeters.seconds(0.25),
                        CallMeters.seconds(0.5), CallMeters.seconds(1), CallMeters.seconds(2), CallMeters.seconds(5),
                        CallMeters.seconds(10))
                .register(registry);
    }

    /** A request ended: usable ({@code ok}), else with {@code httpStatus} (0: no response), after {@code millis}. */
    public void record(boolean usable, int httpStatus, long millis) {
        Timer t = usable ? ok : httpStatus > 0 ? httpError : noResponse;
        t.record(millis, TimeUnit.MILLISECONDS);
    }
}
