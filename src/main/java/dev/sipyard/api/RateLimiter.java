package dev.sipyard.api;

import dev.sipyard.store.SharedCounters;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The API's request budgets: writes (and, when configured, reads) per project, and failed
 * authentications per client address. Over budget is a 429 with {@code Retry-After} and the
 * IETF draft's {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}.
 * Counted in this node's memory and added up with the other nodes on the same database
 * ({@link SharedCounters}), so N nodes do not give a client N times the budget.
 */
final class RateLimiter {
    private final RateCounter writes;
    private final RateCounter reads;
    private final RateCounter authFailures;
    private final ClientAddress clients;

    RateLimiter(dev.sipyard.config.RateLimits settings, SharedCounters shared, ClientAddress clients) {
        this.clients = clients;
        this.writes = settings.writes() > 0 ? new RateCounter(settings.writes(), settings.window(), System::nanoTime,
                shared.counter("api-writes", settings.window())) : null;
        this.reads = settings.reads() > 0 ? new RateCounter(settings.reads(), settings.window(), System::nanoTime,
                shared.counter("api-reads", settings.window())) : null;
        this.authFailures = settings.authFailures() > 0
                ? new RateCounter(settings.authFailures(), settings.authWindow(), System::nanoTime,
                        shared.counter("api-auth-failures", settings.authWindow())) : null;
    }

    /** Refuses (429) a client address that has used up its failed authentications, before its credentials are checked. */
    void beforeAuthentication(Context ctx) {
        if (authFailures == null) {
            return;
        }
        RateCounter.State s = authFailures.peek(clients.of(ctx));
        if (s.count() >= s.limit()) {
            throw tooMany(ctx, s);
        }
    }

    void authenticationFailed(Context ctx) {
        if (authFailures != null) {
            authFailures.hit(clients.of(ctx));
        }
    }

    /** Counts a request of the project against its budget; sets the RateLimit headers, or refuses with 429. */
    void admit(Context ctx, String projectId, boolean write) {
        RateCounter counter = write ? writes : reads;
        if (counter == null) {
            return;
        }
        RateCounter.State s = counter.hit(projectId);
        headers(ctx, s);
        if (s.exceeded()) {
            throw tooMany(ctx, s);
        }
    }

    private static void headers(Context ctx, RateCounter.State s) {
        ctx.header("RateLimit-Limit", Integer.toString(s.limit()));
        ctx.header("RateLimit-Remaining", Integer.toString(s.remaining()));
        ctx.header("RateLimit-Reset", Long.toString(s.resetSeconds()));
    }

    private static ApiError tooMany(Context ctx, RateCounter.State s) {
        headers(ctx, s);
        ctx.header("Retry-After", Long.toString(s.resetSeconds()));
        return new ApiError(429, Map.of("error", "Too Many Requests: retry after " + s.resetSeconds() + " s"));
    }
}
