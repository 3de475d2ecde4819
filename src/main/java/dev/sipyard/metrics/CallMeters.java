package dev.sipyard.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls placed through this node: how each call's set-up ended, by the call handler that routed
 * it, and the post-dial delay (the authenticated INVITE's arrival to the first 180/183 or 2xx the
 * caller is sent). Counters exist for every handler and result from the start.
 */
public final class CallMeters {
    /** The handler label of a call no handler routed (refused before a policy was found). */
    public static final String NO_HANDLER = "none";
    /** The handler label of a handler name this build does not know. */
    static final String OTHER_HANDLER = "other";

    private final Map<String, Counter[]> byHandler = new HashMap<>();
    private final Timer postDialDelay;

    /** Meters for the handler names {@code handlers} (the wire names calls are routed by). */
    public CallMeters(MeterRegistry registry, List<String> handlers) {
        for (String h : handlers) {
            byHandler.put(h, counters(registry, h));
        }
        byHandler.put(NO_HANDLER, counters(registry, NO_HANDLER));
        byHandler.put(OTHER_HANDLER, counters(registry, OTHER_HANDLER));
        postDialDelay = Timer.builder("sipyard.calls.post.dial.delay")
                .description("From the authenticated INVITE to the first 180/183 or 2xx sent to the caller")
                .serviceLevelObjectives(seconds(0.1), seconds(0.25), seconds(0.5), seconds(1), seconds(2),
                        seconds(3), seconds(5), seconds(10), seconds(20), seconds(30), seconds(60))
                .register(registry);
    }

    /** Meters that count into a registry nobody reads. */
    public static CallMeters unread() {
        return new CallMeters(new SimpleMeterRegistry(), List.of());
    }

    private static Counter[] counters(MeterRegistry registry, String handler) {
        CallResult[] results = CallResult.values();
        Counter[] c = new Counter[results.length];
        for (CallResult r : results) {
            c[r.ordinal()] = Counter.builder("sipyard.calls")
                    .description("Calls whose set-up ended, by the handler that routed them and how it ended")
                    .tag("call_handler", handler).tag("result", r.label()).register(registry);
        }
        return c;
    }

    static Duration seconds(double s) {
        return Duration.ofNanos((long) (s * 1e9));
    }

    /** The set-up of a call routed by {@code handler} (null: none) ended with {@code result}. */
    public void ended(String handler, CallResult result) {
        Counter[] c = byHandler.get(handler == null ? NO_HANDLER : handler);
        (c == null ? byHandler.get(OTHER_HANDLER) : c)[result.ordinal()].increment();
    }

    /** The caller was sent its first ringing or answer {@code nanos} after its INVITE arrived. */
    public void postDialDelay(long nanos) {
        postDialDelay.record(nanos, TimeUnit.NANOSECONDS);
    }
}
