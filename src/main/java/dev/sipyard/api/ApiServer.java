package dev.sipyard.api;

import dev.sipyard.calllog.CallLogReader;
import dev.sipyard.common.IpNetworks;
import dev.sipyard.common.NotFoundException;
import dev.sipyard.common.ValidationException;
import dev.sipyard.config.HostPort;
import dev.sipyard.config.RateLimits;
import dev.sipyard.endpoint.EndpointService;
import dev.sipyard.project.ApiTokens;
import dev.sipyard.project.PhoneNumberService;
import dev.sipyard.project.SigningKeys;
import dev.sipyard.project.SipProfileService;
import dev.sipyard.recording.Recordings;
import dev.sipyard.resource.ResourceService;
import dev.sipyard.sip.SipService;
import dev.sipyard.store.Database;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API: Javalin on Jetty, virtual threads, errors in the contract's format, one log line per request. */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    /** The domain services the API translates to; {@code draining} is true while the node stops gracefully. */
    public record Services(Database database, ApiTokens tokens, EndpointService endpoints,
                           SipProfileService profiles, PhoneNumberService numbers, ResourceService resources,
                           byte[] pageTokenKey, SipService sip, Recordings recordings, BooleanSupplier draining) {}

    /** How long a stop waits for the requests in progress. */
    private static final long STOP_WAIT_MILLIS = 5000;

    private final Javalin app;

    /**
     * @param publicUrl      the base of absolute links (null: each request's scheme and Host)
     * @param trustedProxies reverse proxies whose X-Forwarded-For names the client
     * @param registry       where the HTTP request metrics go
     */
    public ApiServer(HostPort addr, int maxBodyBytes, String publicUrl, IpNetworks trustedProxies,
                     RateLimits rateLimits, Services s, MeterRegistry registry) {
        HttpMetrics metrics = new HttpMetrics(registry);
        PageTokens pageTokens = new PageTokens(s.pageTokenKey());
        ClientAddress clients = new ClientAddress(trustedProxies);
        Requests requests = new Requests(s.tokens(), pageTokens, maxBodyBytes, publicUrl,
                new RateLimiter(rateLimits, s.database().sharedCounters(), clients));
        CallLogReader callLog = new CallLogReader(s.database().jdbi());
        MethodCheck methods = new MethodCheck();
        this.app = Javalin.create(config -> {
            config.jetty.host = addr.host();
            config.jetty.port = addr.port();
            config.concurrency.useVirtualThreads = true;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = maxBodyBytes;
            config.startup.showJavalinBanner = false;
            // A stop lets requests in progress finish (for a while) instead of cutting them.
            config.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(STOP_WAIT_MILLIS);
            });
            config.jsonMapper(new Json());
            AccessLog.install(config, metrics);

            // Resolved first, so that every handler and logger sees it as the request attribute.
            config.routes.before(clients::of);
            methods.register(config.routes);
            Router router = new Router(config.routes, requests);
            config.routes.get("/api/healthz", ctx -> health(ctx, s.database(), s.draining()));
            new ApiDocs().register(config.routes);
            new ConsoleRoutes().register(config);
            new EndpointRoutes(s.endpoints(), s.profiles(), requests).register(router);
            new SipProfileRoutes(s.profiles(), s.sip()::servers, requests).register(router);
            new PhoneNumberRoutes(s.numbers(), requests).register(router);
            new SigningKeyRoutes(new SigningKeys(s.database().jdbi())).register(router);
            new SipRegistrationRoutes(s.endpoints(), s.sip(), requests).register(router);
            new SipBanRoutes(s.sip(), requests).register(router);
            new VoiceLogRoutes(callLog, requests).register(router);
            CompatibilityRequests compatibility = new CompatibilityRequests(requests, pageTokens);
            new CompatibilityCallRoutes(callLog, compatibility).register(config.routes);
            new CompatibilityRecordingRoutes(s.recordings(), requests, compatibility).register(config.routes);
            new ResourceRoutes(s.resources(), requests).register(router);
            // Last: its /api/fabric/resources/{id} must not shadow the fixed collection paths above.
            new FabricResourceRoutes(s.resources(), s.endpoints(), requests).register(router);

            config.routes.exception(ApiError.class, (e, ctx) -> {
                if (e.status == 401) {
                    ctx.header("WWW-Authenticate", "Basic realm=\"sipyard\"");
                }
                if (e.status == 413) {
                    ctx.header("Connection", "close");
                }
                ctx.status(e.status).json(e.body);
            });
            config.routes.exception(ValidationException.class,
                    (e, ctx) -> ctx.status(422).json(Errors.validation(e.violations())));
            config.routes.exception(NotFoundException.class,
                    (e, ctx) -> ctx.status(404).json(Errors.simple("Not Found")));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> httpError(ctx, e.getStatus()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (Database.isUnavailable(e)) {
                    // the outage is logged once where it is noticed; each refusal is in the access log
                    log.debug("request {} {} refused, the database is unreachable: {}", ctx.method(), ctx.path(),
                            e.toString());
                    ctx.header("Retry-After", Integer.toString(Errors.RETRY_AFTER_SECONDS));
                    ctx.status(503).json(Errors.databaseUnavailable());
                    return;
                }
                log.error("request {} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(Errors.simple("Internal Server Error"));
            });
            config.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("{")) {
                    ctx.json(Errors.simple("Not Found"));
                }
            });
            config.routes.error(405, "*", ctx -> {
                if (ctx.result() == null || !ctx.result().startsWith("{")) {
                    ctx.json(Errors.simple("Method Not Allowed"));
                }
            });
        });
        methods.routesAre(routes());
    }

    /** 503 "draining" while the node stops, so that a balancer takes it out while it finishes its work. */
    private static void health(Context ctx, Database db, BooleanSupplier draining) {
        if (draining.getAsBoolean()) {
            ctx.status(503).json(Map.of("status", "draining"));
            return;
        }
        boolean up = db.isReachable();
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ok" : "database unreachable"));
    }

    private static void httpError(Context ctx, int status) {
        String message = switch (status) {
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Payload Too Large";
            case 400 -> "Bad Request";
            default -> "Error";
        };
        if (status == 413) {
            ctx.header("Connection", "close");
        }
        ctx.status(status).json(Errors.simple(message));
    }

    public ApiServer start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Every route this server answers, as "METHOD /path/{param}" (for checking the API description against it). */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .distinct().sorted().toList();
    }

    @Override
    public void close() {
        app.stop();
    }
}
