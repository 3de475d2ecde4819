package dev.sipyard.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * Answers a method a path does not have with {@code 405} and an {@code Allow} header listing
 * the methods it has (derived from the registered routes, see {@link AllowedMethods}), before
 * any route, authentication or budget. The body is in the contract's shape: Twilio's under the
 * Compatibility API's prefixes, {@code {"error":"Method Not Allowed"}} elsewhere. A path no
 * route has is left to the router (404).
 */
final class MethodCheck {
    private volatile AllowedMethods allowed;

    void register(RoutesConfig routes) {
        routes.before(this::check);
    }

    /** Called once every route is registered: {@code routes} as {@link ApiServer#routes()} lists them. */
    void routesAre(List<String> routes) {
        allowed = new AllowedMethods(routes);
    }

    private void check(Context ctx) {
        AllowedMethods known = allowed;
        if (known == null) {
            return;
        }
        Set<String> methods = known.of(ctx.path());
        if (methods.isEmpty() || methods.contains(ctx.method().name())) {
            return;
        }
        ctx.header("Allow", AllowedMethods.header(methods));
        throw refusal(ctx.path());
    }

    private static ApiError refusal(String path) {
        for (String prefix : CompatibilityRequests.PREFIXES) {
            if (path.startsWith(prefix)) {
                return CompatibilityErrors.of(405, CompatibilityErrors.METHOD_NOT_ALLOWED, "Method not allowed");
            }
        }
        return new ApiError(405, Errors.simple("Method Not Allowed"));
    }
}
