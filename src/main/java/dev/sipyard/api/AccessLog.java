package dev.sipyard.api;

import dev.sipyard.common.Ids;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One line per HTTP request on logger {@code dev.sipyard.access}: method, route template, status,
 * duration, client address, the authenticated project and a request id. Never the query string,
 * a header value or a body: those carry the secrets. The request id is the client's
 * {@code X-Request-Id} when it is a short plain token, else a new one; it is echoed in the
 * response and, while the request runs, is the MDC entry {@code request_id} of every line logged.
 */
final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("dev.sipyard.access");
    private static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String REQUEST_ID = "request_id";
    private static final String PROJECT = "sipyard.project";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private AccessLog() {}

    /** Gives every request its id first, and last records it in {@code metrics} and logs it. */
    static void install(JavalinConfig config, HttpMetrics metrics) {
        config.routes.before(AccessLog::begin);
        config.requestLogger.http((ctx, ms) -> {
            metrics.record(ctx, ms);
            end(ctx, ms);
        });
    }

    /** Records the project a request authenticated as, for its access line. */
    static void authenticated(Context ctx, String projectId) {
        ctx.attribute(PROJECT, projectId);
    }

    private static void begin(Context ctx) {
        String id = requestId(ctx);
        ctx.header(REQUEST_ID_HEADER, id);
        MDC.put(REQUEST_ID, id);
    }

    private static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID);
        if (id == null) {
            String asked = ctx.header(REQUEST_ID_HEADER);
            id = asked != null && PLAIN_ID.matcher(asked).matches() ? asked : Ids.newId();
            ctx.attribute(REQUEST_ID, id);
        }
        return id;
    }

    private static void end(Context ctx, Float ms) {
        try {
            if (!log.isInfoEnabled()) {
                return;
            }
            Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
            String route = matched == null ? "unmatched" : matched.path;
            String method = ctx.method().name();
            int status = ctx.statusCode();
            long millis = Math.round(ms);
            String known = ctx.attribute(ClientAddress.ATTRIBUTE);
            String client = known != null ? known : ctx.ip(); // the resolved client, behind trusted proxies
            String project = ctx.attribute(PROJECT);
            String id = requestId(ctx);
            log.atInfo().addKeyValue("method", method).addKeyValue("route", route).addKeyValue("path", ctx.path())
                    .addKeyValue("status", status).addKeyValue("duration_ms", millis).addKeyValue("client", client)
                    .addKeyValue("project_id", project).addKeyValue(REQUEST_ID, id)
                    .log("{} {} {} {}ms client={} project={} request_id={}", method, route, status, millis, client,
                            project == null ? "-" : project, id);
        } finally {
            MDC.remove(REQUEST_ID);
        }
    }
}
