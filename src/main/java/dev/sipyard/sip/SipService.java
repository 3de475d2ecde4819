package dev.sipyard.sip;

import dev.sipyard.calllog.CallLog;
import dev.sipyard.config.HostPort;
import dev.sipyard.config.NodeIds;
import dev.sipyard.config.Settings;
import dev.sipyard.config.SipSettings;
import dev.sipyard.endpoint.EndpointService;
import dev.sipyard.sip.digest.NonceCounts;
import dev.sipyard.sip.digest.Nonces;
import dev.sipyard.sip.guard.BanStore;
import dev.sipyard.sip.guard.BruteForceGuard;
import dev.sipyard.sip.guard.SipBan;
import dev.sipyard.location.Binding;
import dev.sipyard.location.LocationService;
import dev.sipyard.metrics.SipAuthMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.sipyard.sip.registrar.Registrar;
import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.sip.auth.DigestVerifier;
import dev.sipyard.config.MediaConfig;
import dev.sipyard.media.MediaEngine;
import dev.sipyard.media.MediaSettings;
import dev.sipyard.media.prompt.AudioFetcher;
import dev.sipyard.media.prompt.Prompts;
import dev.sipyard.media.prompt.SpeechSynthesizer;
import dev.sipyard.recording.Recording;
import dev.sipyard.recording.RecordingCallback;
import dev.sipyard.recording.Recordings;
import dev.sipyard.sip.proxy.MediaServices;
import dev.sipyard.sip.proxy.Proxy;
import dev.sipyard.sip.transport.RegisterHandler;
import dev.sipyard.sip.transport.RequestHandler;
import dev.sipyard.sip.transport.SipDispatcher;
import dev.sipyard.sip.transport.SipLog;
import dev.sipyard.sip.transport.SipReplies;
import dev.sipyard.sip.transport.SipStack;
import dev.sipyard.sip.transport.TlsMaterial;
import dev.sipyard.project.PhoneNumberService;
import dev.sipyard.resource.ResourceService;
import dev.sipyard.routing.CallerPolicies;
import dev.sipyard.routing.CarrierGateways;
import dev.sipyard.store.Database;
import dev.sipyard.webhook.WebhookClient;
import dev.sipyard.store.ServerSecrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP side of one node: registrar, proxy, location bindings, brute-force guard and the listeners.
 * Built with the node; {@link #start()} opens the listeners and the housekeeping timers.
 */
public final class SipService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SipService.class);

    private final Settings settings;
    private final SipSettings sip;
    private final Database database;
    private final LocationService locations;
    private final BanStore bans;
    private final BruteForceGuard guard;
    private final NonceCounts nonceCounts;
    private final SipDirectory directory;
    private final DigestVerifier verifier;
    private final Registrar registrar;
    private final CallLog callLog;
    private final WebhookClient webhooks;
    private final PhoneNumberService numbers;
    private final ResourceService resources;
    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timers;
    /** When the sweep of expired bindings may run next (System.nanoTime; only the timer thread reads it). */
    private long nextSweepAt = System.nanoTime();
    private SipStack stack;
    private Proxy proxy;
    private MediaServices media;
    private final Recordings recordings;
    private final MeterRegistry registry;
    /** Signs the INVITEs this node relays to the node that holds a phone's connection (see NodeRelays). */
    private final byte[] relayKey;
    private final BooleanSupplier draining;

    /** {@code draining}: true while the node drains; new registrations and calls are then refused with 503. */
    public SipService(Settings settings, Database database, EndpointService endpoints, ServerSecrets secrets,
                      CallLog callLog, WebhookClient webhooks, PhoneNumberService numbers, ResourceService resources,
                      Recordings recordings, MeterRegistry registry, BooleanSupplier draining) {
        this.draining = draining;
        this.recordings = recordings;
        this.registry = registry;
        SipAuthMeters authMeters = new SipAuthMeters(registry);
        this.settings = settings;
        this.sip = settings.sip();
        this.database = database;
        this.locations = new LocationService(database, clock, sip.maxContacts());
        this.bans = new BanStore(database.jdbi(), clock);
        this.guard = new BruteForceGuard(sip, bans, clock, database.sharedCounters(), authMeters);
        long ttl = sip.nonceTtlSeconds() * 1000L;
        // nc values are remembered for 32 s (SIP's timer J: a retransmission comes within it); an older nonce
        // used again gets a stale=true challenge. That keeps the memory to rate x 32 s small entries.
        this.nonceCounts = new NonceCounts(Math.min(ttl, 32_000), clock);
        this.directory = new SipDirectory(database.jdbi(), settings.sipDomain(), clock);
        this.relayKey = secrets.key("sip_node_relay");
        this.verifier = new DigestVerifier(directory, new Nonces(secrets.key("sip_nonces"), ttl, clock), nonceCounts,
                guard, sip.digestAlgorithms(), authMeters);
        this.registrar = new Registrar(directory, locations, verifier, guard, sip, authMeters);
        Gauge.builder("sipyard.sip.bindings", locations, LocationService::countLive)
                .description("Unexpired registrations (contacts) in the database, all nodes together").register(registry);
        Gauge.builder("sipyard.sip.bans.active", bans, BanStore::activeCount)
                .description("Source addresses banned right now").register(registry);
        this.callLog = callLog;
        this.webhooks = webhooks;
        this.numbers = numbers;
        this.resources = resources;
        endpoints.onCredentialsRevoked(locations::removeAll);
    }

    /** Opens the SIP listeners; a listener that cannot bind throws with a one-line message. */
    public SipService start() {
        bans.refresh();
        TlsMaterial tls = null;
        if (sip.tlsAddr() != null || sip.wssAddr() != null) {
            tls = sip.tlsCert() != null ? TlsMaterial.fromPem(sip.tlsCert(), sip.tlsKey())
                    : TlsMaterial.selfSigned(settings.dataDir(), certificateNames());
        }
        stack = new SipStack(sip, tls);
        SipReplies replies = new SipReplies(stack);
        CallerPolicies policies = new CallerPolicies(database);
        media = mediaServices(policies);
        proxy = new Proxy(stack, replies, directory, verifier, locations, policies, callLog,
                webhooks, numbers, new CarrierGateways(database.jdbi(), clock), resources, settings.calls(), media,
                relayKey, clock, registry);
        Map<String, RequestHandler> handlers = new HashMap<>(proxy.handlers());
        handlers.put("REGISTER", new RegisterHandler(stack, replies, registrar, draining));
        SipDispatcher[] dispatcher = new SipDispatcher[1];
        handlers.put("OPTIONS", (event, request, source) -> {
            var r = replies.reply(request, 200, "OK");
            r.addHeader(replies.header("Allow", dispatcher[0].allow()));
            replies.respond(event, r, true);
            SipLog.result("OPTIONS", 200, SipReplies.transport(request), source, request.getRemotePort(), null,
                    request.getCallId().getCallId(), null);
        });
        dispatcher[0] = new SipDispatcher(replies, guard::isBanned, handlers, proxy.inDialog(), proxy.acks(),
                proxy.clientEvents(), draining);
        try {
            stack.start(dispatcher[0]);
            locations.servedFrom(NodeIds.sipAddress(sip.nodeAddr(), sip.addr(), stack.ports().udp()));
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
        timers = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().name("sip-timers").daemon()
                .unstarted(r));
        timers.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(this::housekeeping, 2, 2, TimeUnit.SECONDS);
        SipStack.Ports p = stack.ports();
        log.info("SIP listening on udp+tcp {}:{}{}{}{}", sip.addr().host(), p.udp(),
                p.tls() == null ? "" : ", tls " + sip.tlsAddr().host() + ":" + p.tls(),
                p.ws() == null ? "" : ", ws " + sip.wsAddr().host() + ":" + p.ws(),
                p.wss() == null ? "" : ", wss " + sip.wssAddr().host() + ":" + p.wss());
        return this;
    }

    /** The RTP engine and prompt rendering for calls this node answers itself; a missing TTS engine is a warning. */
    private MediaServices mediaServices(CallerPolicies policies) {
        MediaConfig m = settings.media();
        MediaEngine engine = new MediaEngine(new MediaSettings(m.rtpBindAddress(), m.rtpPublicAddress(), m.rtpPortMin(),
                m.rtpPortMax(), m.rtpTimeout(), recordingSpool(), m.rtPriority()));
        SpeechSynthesizer speech = new SpeechSynthesizer(m.ttsCommand(), Duration.ofSeconds(10), m.ttsMaxChars(),
                m.promptCacheBytes() / 2);
        if (!speech.available()) {
            log.warn("text to speech is unavailable: '{}' could not be run; <Say> will fail (install espeak-ng "
                    + "or set SIPYARD_TTS_COMMAND)", m.ttsCommand());
        }
        AudioFetcher audio = new AudioFetcher(settings.calls().webhookAllowLinkLocal(), m.playMaxBytes(),
                Duration.ofSeconds(10), m.promptCacheBytes() / 2);
        return new MediaServices(engine, new Prompts(speech, audio), recordingStore(), m, policies);
    }

    /**
     * Where recordings in progress keep their settled audio (so a long recording does not live on
     * the heap). What is left there is from a previous run that ended abruptly: deleted.
     */
    private Path recordingSpool() {
        Path spool = settings.dataDir().resolve("spool").resolve("recordings");
        try (var left = Files.list(spool)) {
            left.forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    log.warn("could not delete the stale recording spool file {}: {}", f, e.toString());
                }
            });
        } catch (NoSuchFileException e) {
            // nothing was ever spooled
        } catch (IOException e) {
            log.warn("could not read the recording spool folder {}: {}", spool, e.toString());
        }
        return spool;
    }

    /** Recordings of {@code <Record>}: a WAV under the data folder, its row, and its status callback. */
    private MediaServices.RecordingStore recordingStore() {
        return (projectId, callSid, audio, callbackUrl, callbackMethod) -> {
            int seconds = (int) Math.round(audio.durationMillis() / 1000.0);
            Recording r = recordings.store(projectId, callSid, audio::writeWav, seconds, audio.sampleRate(),
                    callbackUrl == null ? null : new RecordingCallback(callbackUrl, callbackMethod));
            return new MediaServices.Stored(r.sid(), recordings.url(r), seconds);
        };
    }

    private List<String> certificateNames() {
        List<String> names = new ArrayList<>(List.of(settings.sipDomain(), "*." + settings.sipDomain(), "localhost"));
        for (HostPort a : new HostPort[] {sip.tlsAddr(), sip.wssAddr()}) {
            if (a != null && !names.contains(a.host()) && !a.host().equals("0.0.0.0") && !a.host().equals("::")) {
                names.add(a.host());
            }
        }
        return names;
    }

    /**
     * Removes expired bindings, every second while that is cheap. It is a scan of the bindings
     * (there is no index on expiry, so that a REGISTER updates its row in place), so on a large
     * table it runs less often: at most about 1 % of the time. Readers skip expired bindings anyway.
     */
    private void sweep() {
        long start = System.nanoTime();
        if (start - nextSweepAt < 0) {
            return;
        }
        try {
            int n = locations.sweep();
            if (n > 0) {
                log.debug("{} expired SIP registration(s) removed", n);
            }
        } catch (RuntimeException e) {
            failed("SIP registration sweep failed", e);
        } finally {
            nextSweepAt = start + 100 * (System.nanoTime() - start);
        }
    }

    private void housekeeping() {
        try {
            bans.refresh();
            guard.purge();
            nonceCounts.purge();
            proxy.housekeeping();
        } catch (RuntimeException e) {
            failed("SIP housekeeping failed", e);
        }
    }

    /** A periodic task's failure: a warning, or a debug line while the database is away (that is logged once). */
    private static void failed(String what, RuntimeException e) {
        if (Database.isUnavailable(e)) {
            log.debug("{}: {}", what, e.toString());
        } else {
            log.warn("{}: {}", what, e.toString());
        }
    }

    /** Calls being set up or established on this node (0 before {@link #start()}). */
    public int activeCalls() {
        return proxy == null ? 0 : proxy.activeCalls();
    }

    /** Registrations accepted and still being stored: answered once they are. */
    public int registrationsInHand() {
        return registrar.storing();
    }

    /** SIP transactions the stack holds, finished ones still absorbing retransmissions included. */
    public int transactions() {
        return stack == null ? 0 : stack.transactions();
    }

    /** Ends with a BYE every call this node's media engine answered; returns how many. */
    public int hangUpMediaCalls(String why) {
        return proxy == null ? 0 : proxy.hangUpMediaCalls(why);
    }

    /** Bound ports of the listeners (after {@link #start()}). */
    public SipStack.Ports ports() {
        return stack.ports();
    }

    /** Where phones reach this node's listeners (after {@link #start()}). */
    public List<SipServers.SipServer> servers() {
        return SipServers.of(sip, settings.sipDomain(), stack.ports());
    }

    /** Live bindings of an endpoint, oldest first. */
    public List<Binding> registrations(String endpointId) {
        return locations.live(endpointId);
    }

    /** Active bans; only those touching {@code projectId} unless null. */
    public List<SipBan> bans(String projectId) {
        return bans.list(projectId);
    }

    /** Lifts a ban (for a project: only one touching it); true when there was one. */
    public boolean liftBan(String address, String projectId) {
        boolean lifted = bans.lift(address, projectId);
        if (lifted) {
            guard.forget(address);
        }
        return lifted;
    }

    public int liftAllBans() {
        return bans.liftAll();
    }

    @Override
    public void close() {
        if (timers != null) {
            timers.shutdownNow();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (media != null) {
            media.engine().close();
        }
        if (stack != null) {
            stack.close();
        }
        locations.close();
    }
}
