package dev.sipyard.api;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Times every HTTP request by method, route template (the matched route's path, such as
 * {@code /api/fabric/resources/sip_endpoints/{id}}, never the URL with its ids) and status. The
 * timers of a route are found through its endpoint object and the status, without building a key:
 * after a route's first request with a given status, recording allocates nothing.
 */
final class HttpMetrics {
    /** The route label of requests no route matched (a 404, or a wrong method). */
    static final String UNMATCHED = "unmatched";

    private final MeterRegistry registry;
    private final ConcurrentHashMap<Endpoint, RouteTimers> routes = new ConcurrentHashMap<>();
    private final RouteTimers unmatched;
    private final RouteTimers console;

    HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unmatched = new RouteTimers("ANY", UNMATCHED);
        this.console = new RouteTimers("GET", ConsoleRoutes.PATH + "/*");
    }

    /** One request has been answered, after {@code millis}. */
    void record(Context ctx, float millis) {
        Endpoint e = ctx.endpoints().matchedHttpEndpoint();
        RouteTimers timers;
        if (e != null) {
            timers = routes.get(e);
            if (timers == null) {
                timers = routes.computeIfAbsent(e, x -> new RouteTimers(x.method.name(), x.path));
            }
        } else if (ctx.path().startsWith(ConsoleRoutes.PATH)) {
            timers = console; // the console's static files
        } else {
            timers = unmatched;
        }
        timers.of(ctx.statusCode()).record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** The timers of one route, one per status code, made on first use. */
    private final class RouteTimers {
        private final String method;
        private final String route;
        private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(600);

        RouteTimers(String method, String route) {
            this.method = method;
            this.route = route;
        }

        Timer of(int status) {
            int i = status >= 100 && status < 600 ? status : 0;
            Timer t = byStatus.get(i);
            if (t == null) {
                t = Timer.builder("sipyard.http.requests")
                        .description("HTTP requests answered, by method, route template and status")
                        .tag("method", method).tag("route", route).tag("status", i == 0 ? "other" : Integer.toString(i))
                        .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
                                Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
                                Duration.ofSeconds(5), Duration.ofSeconds(10))
                        .register(registry);
                byStatus.set(i, t);
            }
            return t;
        }
    }
}
