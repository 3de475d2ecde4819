package dev.sipyard;

import dev.sipyard.api.ApiServer;
import dev.sipyard.calllog.CallLog;
import dev.sipyard.calllog.OpenCallSweeper;
import dev.sipyard.config.Settings;
import dev.sipyard.config.SettingsLoader;
import dev.sipyard.drain.Drain;
import dev.sipyard.endpoint.EndpointService;
import dev.sipyard.metrics.MetricsListener;
import dev.sipyard.metrics.ServerMetrics;
import dev.sipyard.metrics.WebhookMeters;
import dev.sipyard.project.ApiTokens;
import dev.sipyard.project.NewProject;
import dev.sipyard.project.PhoneNumberService;
import dev.sipyard.project.ProjectService;
import dev.sipyard.project.SipProfileService;
import dev.sipyard.recording.Recordings;
import dev.sipyard.resource.ResourceDirectory;
import dev.sipyard.resource.ResourceService;
import dev.sipyard.sip.SipService;
import dev.sipyard.store.Database;
import dev.sipyard.store.NodeRuns;
import dev.sipyard.store.ServerSecrets;
import dev.sipyard.webhook.Outbox;
import dev.sipyard.webhook.WebhookClient;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One sipyard node: the database, the domain services and the listeners, started and stopped together. */
public final class SipyardServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SipyardServer.class);

    private final Settings settings;
    private final Database database;
    private final Domain domain;
    private final SipService sip;
    private final WebhookClient webhooks;
    private final Outbox outbox;
    private final CallLog callLog;
    private final NodeRuns nodeRuns;
    private final OpenCallSweeper openCalls;
    private final Recordings recordings;
    private final ServerMetrics metrics;
    private volatile ApiServer api;
    private volatile MetricsListener metricsListener;
    private final Drain drain;

    /** The domain services of one node, built over one database. */
    public record Domain(ApiTokens tokens, ProjectService projects, SipProfileService profiles,
                         PhoneNumberService numbers, EndpointService endpoints, ResourceDirectory directory,
                         ResourceService resources, ServerSecrets secrets) {

        public static Domain over(Database db, Settings settings) {
            var jdbi = db.jdbi();
            ApiTokens tokens = new ApiTokens(jdbi);
            ResourceDirectory directory = new ResourceDirectory();
            SipProfileService profiles = new SipProfileService(jdbi, settings.sipDomain(), directory);
            return new Domain(tokens, new ProjectService(jdbi, tokens, settings.sipDomain()), profiles,
                    new PhoneNumberService(jdbi), new EndpointService(db, profiles, directory), directory,
                    new ResourceService(jdbi, directory), new ServerSecrets(jdbi));
        }
    }

    private SipyardServer(Settings settings, Database database, ServerMetrics metrics) {
        this.settings = settings;
        this.database = database;
        this.metrics = metrics;
        this.drain = new Drain(java.time.Duration.ofSeconds(settings.drainSeconds()), Clock.systemUTC());
        Gauge.builder("sipyard.draining", drain, d -> d.isDraining() ? 1 : 0)
                .description("1 while this node stops gracefully (SIGTERM): it refuses new registrations and calls")
                .register(metrics.registry());
        Gauge.builder("sipyard.node.info", () -> 1).tag("node", settings.nodeId())
                .description("Always 1; its node label is this node's SIPYARD_NODE_ID, to tell nodes apart")
                .register(metrics.registry());
        this.domain = Domain.over(database, settings);
        this.webhooks = WebhookClient.over(database.jdbi(), settings.calls().webhookAllowLinkLocal(),
                new WebhookMeters(metrics.registry()));
        this.nodeRuns = new NodeRuns(database.jdbi(), settings.nodeId(), Clock.systemUTC(),
                java.time.Duration.ofSeconds(settings.nodeDeadSeconds()));
        this.outbox = new Outbox(database.jdbi(), webhooks, settings.calls(), Clock.systemUTC(), nodeRuns.run());
        Gauge.builder("sipyard.webhook.outbox.depth", outbox, Outbox::depth)
                .description("Status callbacks waiting for delivery or a retry, all nodes together")
                .register(metrics.registry());
        Gauge.builder("sipyard.webhook.outbox.oldest.age", outbox, Outbox::oldestAgeSeconds).baseUnit("seconds")
                .description("How long the oldest waiting status callback has waited").register(metrics.registry());
        this.callLog = new CallLog(database.jdbi(), outbox, Clock.systemUTC(), nodeRuns.run());
        this.openCalls = new OpenCallSweeper(database.jdbi(), callLog, nodeRuns, Clock.systemUTC());
        this.recordings = new Recordings(database.jdbi(), settings.dataDir(), this::publicBaseUrl, outbox,
                Clock.systemUTC());
        this.sip = new SipService(settings, database, domain.endpoints(), domain.secrets(), callLog, webhooks,
                domain.numbers(), domain.resources(), recordings, metrics.registry(), drain::isDraining);
    }

    /** Opens and migrates the database; listeners start with {@link #start()}. */
    public static SipyardServer open(Settings settings) {
        log.info("opening database {}", describe(settings));
        Database db = Database.open(settings);
        ServerMetrics metrics = new ServerMetrics();
        try {
            db.migrate();
            db.measure(metrics.registry());
        } catch (RuntimeException e) {
            db.close();
            metrics.close();
            // One line naming the setting, not the driver's and the migrator's multi-line report.
            throw new IllegalStateException("cannot open the database " + SettingsLoader.DB + "=" + describe(settings)
                    + ": " + firstLine(rootCause(e)), e);
        }
        return new SipyardServer(settings, db, metrics);
    }

    /** Creates a first project when the database has none, and returns it (with its token) so it can be shown once. */
    public Optional<NewProject> bootstrapFirstProject() {
        if (domain.projects().count() > 0) {
            return Optional.empty();
        }
        NewProject p = domain.projects().create("default");
        log.info("created the first project {}", p.project().id());
        return Optional.of(p);
    }

    public SipyardServer start() {
        try {
            sip.start();
            outbox.start();
            database.sharedCounters().start();
            nodeRuns.start();
            openCalls.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        ApiServer server = new ApiServer(settings.httpAddr(), settings.maxBodyBytes(), settings.publicUrl(),
                settings.trustedProxies(), settings.rateLimits(), new ApiServer.Services(database, domain.tokens(),
                        domain.endpoints(), domain.profiles(), domain.numbers(), domain.resources(),
                        domain.secrets().key("page_tokens"), sip, recordings, drain::isDraining),
                metrics.registry());
        try {
            api = server.start();
        } catch (RuntimeException e) {
            server.close();
            close();
            throw new IllegalStateException("cannot listen on " + SettingsLoader.HTTP_ADDR + "=" + settings.httpAddr()
                    + ": " + firstLine(rootCause(e)), e);
        }
        log.info("REST API listening on http://{}:{}", settings.httpAddr().host(), api.port());
        startMetrics();
        log.info("node {} ({}), database {}", settings.nodeId(), SettingsLoader.NODE_ID,
                settings.isPostgres() ? "PostgreSQL: other nodes may share it" : "SQLite");
        if (settings.publicUrl() == null && wildcard(settings.httpAddr().host())) {
            log.warn("{} is not set: recording URLs in callbacks name {}, which only this machine reaches",
                    SettingsLoader.PUBLIC_URL, publicBaseUrl());
        }
        return this;
    }

    /** The /metrics listener, when the settings ask for one; a port that cannot be bound stops the start. */
    private void startMetrics() {
        if (settings.metricsAddr() == null) {
            log.info("metrics listener off ({}=off)", SettingsLoader.METRICS_ADDR);
            return;
        }
        try {
            metricsListener = MetricsListener.start(settings.metricsAddr(), metrics::scrape);
        } catch (RuntimeException e) {
            close();
            throw new IllegalStateException("cannot listen on " + SettingsLoader.METRICS_ADDR + "="
                    + settings.metricsAddr() + ": " + firstLine(rootCause(e)), e);
        }
        log.info("metrics listening on http://{}:{}/metrics", settings.metricsAddr().host(), metricsListener.port());
    }

    /** This node's graceful stop: its state, and {@link Drain#hurry()} for a second SIGTERM. */
    public Drain drain() {
        return drain;
    }

    /** Stops gracefully ({@link NodeDrain}), then {@link #close()}s. */
    public void drainAndClose() {
        try {
            new NodeDrain(this, drain).run();
        } catch (RuntimeException e) {
            log.warn("drain failed, stopping now: {}", e.toString());
        } finally {
            close();
        }
    }

    /** The port of the /metrics listener; empty when it is off. */
    public OptionalInt metricsPort() {
        MetricsListener m = metricsListener;
        return m == null ? OptionalInt.empty() : OptionalInt.of(m.port());
    }

    /**
     * This server's base URL as others reach it: {@code SIPYARD_PUBLIC_URL}, else
     * {@code http://<API listen address>:<port>} (a wildcard address reads as 127.0.0.1).
     */
    public String publicBaseUrl() {
        if (settings.publicUrl() != null) {
            return settings.publicUrl();
        }
        String host = settings.httpAddr().host();
        if (wildcard(host)) {
            host = "127.0.0.1";
        }
        ApiServer running = api;
        int port = running != null ? running.port() : settings.httpAddr().port();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    /** The SIP side (registrar, bans, listeners). */
    public SipService sip() {
        return sip;
    }

    /** Signed document fetches and callbacks. */
    public WebhookClient webhooks() {
        return webhooks;
    }

    /** The durable status-callback outbox of this node. */
    public Outbox outbox() {
        return outbox;
    }

    /** The write side of the call log. */
    public CallLog callLog() {
        return callLog;
    }

    /** Call recordings: their files, rows and status callbacks. */
    public Recordings recordings() {
        return recordings;
    }

    public int httpPort() {
        return api.port();
    }

    /** Every route the REST API answers, as "METHOD /path/{param}". */
    public java.util.List<String> apiRoutes() {
        return api.routes();
    }

    public Domain domain() {
        return domain;
    }

    public Database database() {
        return database;
    }

    static String describe(Settings s) {
        if (s.isPostgres()) {
            return s.dbUrl().replaceAll("password=[^&]*", "password=***");
        }
        return s.dbUrl();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    @Override
    public void close() {
        if (metricsListener != null) {
            metricsListener.close();
            metricsListener = null;
        }
        if (api != null) {
            api.close();
        }
        sip.close();
        openCalls.close();
        callLog.close();
        nodeRuns.close();
        outbox.close();
        webhooks.close();
        database.close();
        metrics.close();
        log.info("stopped");
    }
}
