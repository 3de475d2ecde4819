package dev.sipyard.sip.proxy;

import dev.sipyard.calllog.CallLog;
import dev.sipyard.config.CallSettings;
import dev.sipyard.endpoint.CallHandler;
import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.location.LocationService;
import dev.sipyard.metrics.CallMeters;
import dev.sipyard.project.NumberCallHandler;
import dev.sipyard.project.PhoneNumberService;
import dev.sipyard.resource.ResourceService;
import dev.sipyard.routing.CallerPolicies;
import dev.sipyard.routing.CarrierGateways;
import dev.sipyard.sip.auth.DigestVerifier;
import dev.sipyard.sip.transport.ClientEventHandler;
import dev.sipyard.sip.transport.RequestHandler;
import dev.sipyard.sip.transport.SipReplies;
import dev.sipyard.sip.transport.SipStack;
import dev.sipyard.webhook.WebhookClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.message.Request;

/**
 * The stateful, record-routing proxy of CALLS.md: new calls (INVITE), their CANCELs, and every
 * request inside an established call. Built over a started {@link SipStack}.
 */
public final class Proxy implements AutoCloseable {
    private final ProxyCore core;
    private final Dialogs dialogs;
    private final CallLimits limits;
    private final CallSessions sessions;
    private final InviteHandler invites;
    private final CancelHandler cancels;
    private final InDialogHandler inDialog;
    private final ScheduledExecutorService timers;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final LocalDialogs localDialogs = new LocalDialogs();

    public Proxy(SipStack stack, SipReplies replies, SipDirectory directory, DigestVerifier verifier,
                 LocationService locations, CallerPolicies policies, CallLog callLog, WebhookClient webhooks,
                 PhoneNumberService numbers, CarrierGateways carriers, ResourceService resources, CallSettings settings,
                 MediaServices media, byte[] relayKey, Clock clock, MeterRegistry registry) {
        this.core = new ProxyCore(stack, replies);
        this.dialogs = new Dialogs(clock);
        this.limits = new CallLimits(settings.maxConcurrentPerEndpoint(), settings.maxRatePerEndpoint(), clock);
        this.timers = Executors.newScheduledThreadPool(1, r -> Thread.ofPlatform().name("sip-call-timers").daemon()
                .unstarted(r));
        NodeRelays relays = new NodeRelays(core, locations, new RelayPass(relayKey, clock), dialogs, timers,
                settings.ringTimeout());
        CallServices services = new CallServices(core, directory, policies, locations, dialogs, callLog, webhooks,
                settings, timers, numbers, carriers, resources, work, media, localDialogs,
                new CallMeters(registry, handlerNames()), relays);
        Gauge.builder("sipyard.calls.active", limits, CallLimits::inProgress)
                .description("Calls in progress on this node: from admission to their end").register(registry);
        this.sessions = new CallSessions(services, limits);
        this.invites = new InviteHandler(core, directory, verifier, limits, sessions, services, relays, work);
        this.cancels = new CancelHandler(core, sessions);
        this.inDialog = new InDialogHandler(core, dialogs, localDialogs, (flows, callId, byCaller) -> {
            if (flows.callSid() == null) {
                return; // a call relayed here by another node, which logs and limits it
            }
            limits.release(flows.limitKey());
            callLog.endedQueued(flows.callSid(), "completed", 200,
                    "hung up by " + (byCaller ? "the caller" : "the callee"));
        });
    }

    /** Every call handler name a call can be routed by: endpoints' and phone numbers'. */
    private static List<String> handlerNames() {
        Set<String> names = new TreeSet<>(CallHandler.wireNames());
        names.addAll(NumberCallHandler.wireNames());
        return List.copyOf(names);
    }

    /** Handlers of out-of-dialog requests by method. */
    public Map<String, RequestHandler> handlers() {
        return Map.of(Request.INVITE, invites, Request.CANCEL, cancels);
    }

    public RequestHandler inDialog() {
        return inDialog.requests();
    }

    public RequestHandler acks() {
        return inDialog.acks();
    }

    public ClientEventHandler clientEvents() {
        return core;
    }

    /** Calls being set up and calls established on this node. */
    public int activeCalls() {
        return sessions.size() + dialogs.size() + localDialogs.size();
    }

    /** Hangs up (BYE) every call this node's media engine answered; returns how many. */
    public int hangUpMediaCalls(String why) {
        int n = 0;
        for (LocalDialogs.Dialog d : localDialogs.all()) {
            if (d instanceof MediaLeg leg && !leg.over()) {
                leg.hangUp(why);
                n++;
            }
        }
        return n;
    }

    public void housekeeping() {
        dialogs.purge();
        limits.purge();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        work.shutdownNow();
    }
}
