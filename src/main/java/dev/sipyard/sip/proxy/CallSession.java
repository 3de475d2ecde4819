package dev.sipyard.sip.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.calllog.NewCall;
import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.location.Binding;
import dev.sipyard.location.LocationService;
import dev.sipyard.logging.CallLogContext;
import dev.sipyard.metrics.CallResult;
import dev.sipyard.routing.CallScript;
import dev.sipyard.routing.Decision;
import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.DialTarget;
import dev.sipyard.routing.DialledTarget;
import dev.sipyard.routing.DocumentSource;
import dev.sipyard.routing.Format;
import dev.sipyard.routing.GatewayRef;
import dev.sipyard.routing.Outcome;
import dev.sipyard.routing.Step;
import dev.sipyard.routing.cxml.CxmlScript;
import dev.sipyard.routing.swml.SwmlScript;
import dev.sipyard.sip.transport.SipLog;
import dev.sipyard.webhook.FetchResult;
import dev.sipyard.webhook.WebhookLog;
import dev.sipyard.webhook.WebhookRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call placed through this node, from the authenticated INVITE to its final response: carries
 * out the routing decision (ring an endpoint's bindings, relay to a gateway, run a cXML or SWML
 * document step by step, refuse), writes each change to the call log, and answers the caller.
 * After a 2xx the call lives on in {@link Dialogs} until its BYE.
 */
final class CallSession implements Fork.Listener, CallSessions.Pending {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The longest a 2xx waits for its answer to be on record before it goes to the caller regardless. */
    private static final Duration ANSWER_RECORD_WAIT = Duration.ofSeconds(2);

    /** Told when the call ends before being answered, or is answered (so limits can be released). */
    interface Ended {
        void ended(CallSession session, boolean answered);

        /** A call this server answered itself has ended: what it counted against is free again. */
        void hungUp(CallSession session);
    }

    private final CallServices s;
    private final ServerTransaction caller;
    private final Request invite;
    private final Hop callerHop;
    /** When the INVITE arrived ({@link System#nanoTime()}), for the post-dial delay. */
    private final long received;
    private boolean progressed;
    private Caller callerInfo;
    private final Ended ended;
    private String callSid;
    private CallParams params;
    private CallScript script;
    private Fork fork;
    private String dialSid;
    private long dialStarted;
    private boolean finished;
    private boolean answered;
    private Integer lastDialCode;
    private MediaLeg leg;
    private MediaSteps mediaSteps;
    private dev.sipyard.media.sdp.MediaPolicy mediaPolicy;
    private BridgedDial bridge;

    CallSession(CallServices services, ServerTransaction caller, Request invite, Hop callerHop, long received,
                Ended ended) {
        this.s = services;
        this.received = received;
        this.caller = caller;
        this.invite = invite;
        this.callerHop = callerHop;
        this.ended = ended;
    }

    @Override
    public String callSid() {
        return callSid;
    }

    /**
     * Opens the call in the log and carries out {@code decision}. {@code callee}: the dialled
     * endpoint with its bindings as read for the decision (null when none was), which a Ring
     * decision uses rather than read them again.
     */
    synchronized void start(Decision decision, Caller who, LocationService.Reachable callee) {
        this.callerInfo = who;
        DocumentSource source = switch (decision) {
            case Decision.RunCxml r -> r.source();
            case Decision.RunSwml r -> r.source();
            default -> null;
        };
        callSid = s.callLog().openQueued(new NewCall(who.projectId(), null, "inbound", who.from(), who.to(),
                displayName(), who.endpointId(), who.phoneNumberId(), callId(),
                source == null ? null : source.statusCallbackUrl(), source == null ? null : source.statusCallbackMethod()),
                who.handler(), describe(decision));
        params = CallParams.of(invite, callSid, who.projectId(), who.from(), who.to(), callerHop.getHost());
        String from = who.from();
        String to = who.to();
        try (CallLogContext ignored = CallLogContext.of(callSid)) {
            switch (decision) {
                case Decision.Refuse r -> refuse(r.status(), r.reason());
                case Decision.Ring r -> ringEndpoint(r.endpointId(), r.username(), s.settings().ringTimeout(),
                        callee != null && callee.endpointId().equals(r.endpointId()) ? callee.bindings() : null);
                case Decision.Relay r -> dial(List.of(gatewayTarget(r.gateway(), r.targetUser(), r.fromUser(),
                        r.displayName())), s.settings().ringTimeout(), null);
                case Decision.RunCxml r -> run(new CxmlScript(r.source()));
                case Decision.RunSwml r -> run(new SwmlScript(r.source(), SwmlScript.callVariables(from, to, callSid,
                        "inbound", who.projectId())));
            }
        }
    }

    private String displayName() {
        var from = (javax.sip.header.FromHeader) invite.getHeader(javax.sip.header.FromHeader.NAME);
        return from.getAddress().getDisplayName();
    }

    private String callId() {
        return ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static String describe(Decision d) {
        return switch (d) {
            case Decision.Refuse r -> "refuse " + r.status() + ": " + r.reason();
            case Decision.Ring r -> "ring endpoint " + r.username();
            case Decision.Relay r -> "relay to gateway " + r.gateway().gatewayId() + " as " + r.targetUser();
            case Decision.RunCxml r -> "run cXML document";
            case Decision.RunSwml r -> "run SWML document";
        };
    }

    // ----- ringing -----

    /** {@code bindings}: the endpoint's live bindings as just read, or null to read them. */
    private void ringEndpoint(String endpointId, String username, Duration timeout, List<Binding> bindings) {
        List<Fork.Target> targets = targetsOf(bindings != null ? bindings : s.locations().live(endpointId));
        if (targets.isEmpty()) {
            refuse(480, username + " is not registered");
            return;
        }
        dial(targets, timeout, null);
    }

    private List<Fork.Target> bindingsOf(String endpointId) {
        return targetsOf(s.locations().live(endpointId));
    }

    private List<Fork.Target> targetsOf(List<Binding> bindings) {
        List<Fork.Target> targets = new ArrayList<>();
        for (Binding b : bindings) {
            targets.add(s.relays().target(b, callId()));
        }
        return targets;
    }

    /** user@gateway: the gateway's host, port and parameters with the dialled user, and its credentials. */
    private Fork.Target gatewayTarget(GatewayRef g, String user, String fromUser, String displayName) {
        String uri = g.uri().startsWith("sip:") || g.uri().startsWith("sips:") ? g.uri() : "sip:" + g.uri();
        int colon = uri.indexOf(':');
        String rest = uri.substring(colon + 1);
        int at = rest.indexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        return new Fork.Target(uri.substring(0, colon + 1) + user + "@" + rest, null, fromUser, displayName,
                s.resources().gatewayCredentials(callerInfo.projectId(), g.gatewayId()).orElse(null));
    }

    private void dial(List<Fork.Target> targets, Duration timeout, String parentForLeg) {
        dialStarted = System.currentTimeMillis();
        fork = new Fork(s.core(), new ProxiedBranches(s.core(), caller, invite, callerHop.getTransport()), targets,
                timeout, s.timers(), this, callSid);
        fork.start();
    }

    // ----- documents -----

    private void run(CallScript script) {
        this.script = script;
        advance(new Outcome.Start());
    }

    /** Asks the script for its next step after {@code outcome} and carries it out. */
    private void advance(Outcome outcome) {
        Step step;
        try {
            step = script.next(outcome);
        } catch (RuntimeException e) {
            log.warn("document of call {} failed: {}", callSid, e.toString());
            refuse(500, "The call's document could not be run");
            return;
        }
        switch (step) {
            case Step.Fetch f -> fetch(f);
            case Step.Dial d -> dialStep(d);
            case Step.Pause p -> {
                s.callLog().eventQueued(callSid, "verb", Map.of("verb", "pause", "seconds", p.seconds()));
                s.timers().schedule(CallLogContext.wrap(callSid, () -> {
                    synchronized (this) {
                        if (!finished) {
                            advance(new Outcome.Paused());
                        }
                    }
                }), p.seconds(), TimeUnit.SECONDS);
            }
            case Step.Refuse r -> {
                s.callLog().eventQueued(callSid, "verb", Map.of("verb", "refuse", "status", r.status(), "reason", r.reason()));
                if (leg != null) {
                    leg.hangUp(r.reason());
                } else if (r.status() == 603 && lastDialCode != null && (lastDialCode == 482 || lastDialCode == 483)) {
                    refuse(lastDialCode, "The call looped back to this server");
                } else {
                    refuse(r.status(), r.reason());
                }
            }
            case Step.Answer a -> {
                if (answerHere()) {
                    advance(new Outcome.Answered());
                }
            }
            case Step.Play p -> {
                if (answerHere()) {
                    resume(mediaSteps.play(p));
                }
            }
            case Step.Record r -> {
                if (answerHere()) {
                    resume(mediaSteps.record(r));
                }
            }
            case Step.Finished f -> {
                if (leg != null) {
                    leg.hangUp("Document ended");
                } else if (!answered) {
                    refuse(603, "Document ended without connecting the call");
                }
            }
        }
    }

    /**
     * Makes sure the caller is answered by this server's media engine; false when it could not be
     * (the caller got a final response saying why).
     */
    private boolean answerHere() {
        if (leg != null) {
            return !leg.over();
        }
        if (answered) {
            refuse(500, "The call is connected elsewhere");
            return false;
        }
        if (finished) {
            return false;
        }
        MediaServices m = s.media();
        try {
            var prefs = m.policies().media(callerInfo.projectId(), callerInfo.endpointId());
            mediaPolicy = dev.sipyard.media.sdp.MediaPolicy.of(prefs.codecs(), prefs.encryption(), prefs.ciphers());
            leg = MediaLeg.answer(s, caller, invite, callerHop, callSid, mediaPolicy,
                    (l, why, byCaller, stats) -> mediaEnded(why, byCaller, stats));
        } catch (MediaLeg.Refused e) {
            refuse(e.status, e.getMessage());
            return false;
        }
        answered = true;
        finished = true;
        mediaSteps = new MediaSteps(s, leg, callSid, callerInfo.projectId());
        var n = leg.negotiation();
        s.callLog().eventQueued(callSid, "answer", n == null ? Map.of("offer", "ours (the INVITE had no SDP)")
                : Map.of("codec", n.codec(), "srtp", n.remoteCrypto() != null,
                        "dtmf", n.telephoneEventPt() >= 0 ? "rfc4733" : "info"));
        s.callLog().answeredQueued(callSid);
        answeredWith(200);
        ended.ended(this, true);
        return true;
    }

    /** Goes on with the document when a media step is over, unless the call ended meanwhile. */
    private void resume(java.util.concurrent.CompletableFuture<Outcome> step) {
        step.whenComplete((outcome, error) -> continueSafely(() -> resumed(outcome, error)));
    }

    /**
     * Runs a continuation of this call (after a fetch or a media step). A future swallows what its
     * callbacks throw, so a failure here would leave the caller waiting for ever with nothing in
     * the log: it is logged, and the call ends (500 before the answer, a BYE after it).
     */
    private void continueSafely(Runnable continuation) {
        try (CallLogContext ignored = CallLogContext.of(callSid)) {
            continuation.run();
        } catch (RuntimeException e) {
            log.warn("call {} failed on this server: {}", callSid, e.toString());
            synchronized (this) {
                if (leg != null && !leg.over()) {
                    leg.hangUp("The call failed on this server");
                } else {
                    refuse(500, "The call failed on this server");
                }
            }
        }
    }

    private synchronized void resumed(Outcome outcome, Throwable error) {
        if (leg.over()) {
            if (outcome instanceof Outcome.Recorded recorded && recorded.recordingSid() != null) {
                requestRecordActionAfterHangUp(recorded);
            }
            return;
        }
        if (error != null) {
            leg.hangUp("A media step failed on this server");
            return;
        }
        advance(outcome);
    }

    private void mediaEnded(String why, boolean byCaller, dev.sipyard.media.MediaStats stats) {
        BridgedDial b;
        synchronized (this) {
            b = bridge;
        }
        if (b != null) {
            b.callerHungUp();
        }
        s.callLog().eventQueued(callSid, "hangup", Map.of("by", byCaller ? "caller" : "server", "reason", why));
        try (CallLogContext ignored = CallLogContext.of(callSid)) {
            log.info("call {} answered here ended: {}", callSid, why);
        }
        Map<String, Object> rtp = new LinkedHashMap<>();
        rtp.put("sent", stats.packetsSent());
        rtp.put("received", stats.packetsReceived());
        rtp.put("lost", stats.lost());
        rtp.put("jitter_ms", Math.round(stats.jitterMillis() * 10) / 10.0);
        rtp.put("dropped_wrong_source", stats.ignoredWrongSource());
        rtp.put("dropped_malformed", stats.malformed() + stats.srtpFailures() + stats.wrongPayloadType());
        rtp.put("dropped_flood", stats.floodDropped());
        s.callLog().eventQueued(callSid, "rtp", rtp);
        s.callLog().endedQueued(callSid, "completed", 200, why);
        ended.hungUp(this);
    }

    /**
     * A voicemail usually ends with the caller hanging up during {@code <Record>}: its {@code action}
     * is still requested (CallStatus {@code completed}, with the recording's parameters), as Twilio
     * and SignalWire do, so the application learns of the message; what it answers is not run.
     */
    private void requestRecordActionAfterHangUp(Outcome.Recorded recorded) {
        Step next;
        try {
            next = script.next(recorded);
        } catch (RuntimeException e) {
            return;
        }
        if (!(next instanceof Step.Fetch f) || f.format() == Format.SWML_JSON) {
            return; // SWML goes on in its own document, which ends with the call
        }
        WebhookRequest request = new WebhookRequest(params.projectId(), f.url(), f.method(),
                params.form("completed", f.extraParams()), null);
        s.webhooks().send(request).whenComplete((result, error) -> {
            FetchResult r = resultOf(f, result, error);
            WebhookLog.sent(WebhookLog.Kind.FETCH, callSid, request.method(), f.url(), r, 0);
            Map<String, Object> detail = fetchDetail(f, r);
            detail.put("after_hangup", true);
            s.callLog().eventQueued(callSid, "fetch", detail);
        });
    }

    /** What a webhook send ended with, as a result even when it ended with an exception. */
    private static FetchResult resultOf(Step.Fetch f, FetchResult result, Throwable error) {
        return result != null ? result : new FetchResult(false, 0, null, null, 0, f.url(), String.valueOf(error));
    }

    private static Map<String, Object> fetchDetail(Step.Fetch f, FetchResult r) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("url", stripQuery(f.url()));
        detail.put("status", r.httpStatus());
        detail.put("ms", r.millis());
        detail.put("ok", r.ok());
        if (r.error() != null) {
            detail.put("error", r.error());
        }
        return detail;
    }

    private void fetch(Step.Fetch f) {
        WebhookRequest request;
        if (f.format() == Format.SWML_JSON) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("call", params.swmlCall());
            body.put("vars", f.vars());
            body.put("params", f.extraParams());
            try {
                request = new WebhookRequest(params.projectId(), f.url(), "POST", null, JSON.writeValueAsString(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            request = new WebhookRequest(params.projectId(), f.url(), f.method(),
                    params.form(answered ? "in-progress" : "ringing", f.extraParams()), null);
        }
        s.webhooks().send(request).whenComplete((result, error) ->
                continueSafely(() -> fetched(f, request, resultOf(f, result, error))));
    }

    private synchronized void fetched(Step.Fetch f, WebhookRequest request, FetchResult r) {
        WebhookLog.sent(WebhookLog.Kind.FETCH, callSid, request.method(), f.url(), r, 0);
        if ((finished && !answered) || (leg != null && leg.over())) {
            return; // the caller gave up meanwhile
        }
        s.callLog().eventQueued(callSid, "fetch", fetchDetail(f, r));
        advance(r.ok() ? new Outcome.Fetched(r.finalUrl() == null ? f.url() : r.finalUrl(), r.body(),
                r.contentType()) : new Outcome.FetchFailed(f.url(), r.httpStatus(), r.error()));
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        int h = url.indexOf('#');
        int end = q >= 0 ? q : h >= 0 ? h : url.length();
        return url.substring(0, end);
    }

    private void dialStep(Step.Dial d) {
        List<Fork.Target> targets = new ArrayList<>();
        for (DialTarget t : d.targets()) {
            targets.addAll(resolve(t, d.callerId()));
        }
        s.callLog().eventQueued(callSid, "verb", Map.of("verb", "dial", "targets", d.targets().size(),
                "branches", targets.size(), "timeout", d.timeoutSeconds()));
        if (targets.isEmpty()) {
            advance(new Outcome.Dialed(DialStatus.FAILED, null, 0, 480));
            return;
        }
        dialSid = dev.sipyard.common.Ids.newId();
        if (leg != null) {
            String fromUser = d.callerId() != null ? d.callerId()
                    : params.from().replaceFirst("^sips?:([^@]*)@.*", "$1");
            bridge = new BridgedDial(s, leg, callSid, dialSid, fromUser, null, mediaPolicy, d.timeLimitSeconds(),
                    dialed -> {
                        synchronized (this) {
                            bridge = null;
                            if (!leg.over()) {
                                advance(dialed);
                            }
                        }
                    });
            bridge.start(targets, Duration.ofSeconds(d.timeoutSeconds()));
            return;
        }
        dial(targets, Duration.ofSeconds(d.timeoutSeconds()), callSid);
    }

    /** The branches one document target stands for (none when it cannot be reached from this project). */
    private List<Fork.Target> resolve(DialTarget t, String callerId) {
        String project = callerInfo.projectId();
        return switch (t) {
            case DialTarget.Endpoint e -> s.directory().credential(project, e.username())
                    .map(c -> bindingsOf(c.endpointId())).orElse(List.of());
            case DialTarget.Number n -> s.policies().pstnGateway(project)
                    .map(g -> List.of(gatewayTarget(g, n.e164OrDigits(),
                            callerId != null ? callerId : params.from().replaceFirst("^sip:([^@]*)@.*", "$1"), null)))
                    .orElse(List.of());
            case DialTarget.Sip sip -> resolveSip(sip.uri(), project);
        };
    }

    private List<Fork.Target> resolveSip(String uri, String project) {
        String u = uri.replaceFirst("(?i)^sips?:", "");
        int at = u.indexOf('@');
        String user = at >= 0 ? u.substring(0, at) : null;
        String host = (at >= 0 ? u.substring(at + 1) : u).replaceAll("[;?>].*", "").replaceAll(":\\d+$", "");
        Optional<SipDirectory.Target> owner = s.directory().resolve(host, user);
        if (owner.isPresent()) {
            if (!owner.get().projectId().equals(project) || user == null) {
                return List.of(); // another project's phones are not this document's to ring
            }
            return s.directory().credential(project, user).map(c -> bindingsOf(c.endpointId())).orElse(List.of());
        }
        return List.of(new Fork.Target(uri, null, null, null));
    }

    // ----- outcomes -----

    /**
     * The caller CANCELled; true when there was still something to cancel. The fork is cancelled
     * without holding this session's lock: a fork tells its session of a 180 or a final response
     * while holding its own lock, so taking the two in the other order here could deadlock.
     */
    @Override
    public boolean cancel() {
        Fork ringing;
        synchronized (this) {
            if (finished) {
                return false;
            }
            ringing = fork;
        }
        if (ringing != null && ringing.cancel()) {
            return true;
        }
        synchronized (this) {
            if (finished) {
                return false;
            }
            respond(487, "Request Terminated", "Call cancelled by the caller", "canceled");
            return true;
        }
    }

    @Override
    public synchronized void ringing() {
        measureProgress();
        s.callLog().ringingQueued(callSid);
    }

    @Override
    public synchronized CompletionStage<?> answering(Fork.Target target, Response response) {
        dialogs().established(callId(), callerHop, target.hop(), callSid, callerInfo.limitKey());
        s.callLog().eventQueued(callSid, "branch", Map.of("target", target.requestUri(), "status",
                response.getStatusCode()));
        // On record before the caller hears it, as a refusal is: a node that dies just after the
        // answer cannot lose it. A database that is slow or away does not hold the answer up for long.
        return s.callLog().answeredQueued(callSid).copy()
                .completeOnTimeout(false, ANSWER_RECORD_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((logged, error) -> logged, s.work());
    }

    @Override
    public synchronized void finished(Fork.Result result) {
        try (CallLogContext ignored = CallLogContext.of(callSid)) {
            forkFinished(result);
        }
    }

    private void forkFinished(Fork.Result result) {
        int duration = (int) ((System.currentTimeMillis() - dialStarted) / 1000);
        switch (result) {
            case Fork.Result.Answered a -> {
                answered = true;
                finished = true; // the answer was logged as it came (answering)
                answeredWith(a.response().getStatusCode());
                ended.ended(this, true);
                if (script != null) {
                    advance(new Outcome.Dialed(DialStatus.COMPLETED, dialSid, 0, a.response().getStatusCode()));
                }
            }
            case Fork.Result.Canceled c -> respond(487, "Request Terminated", "Call cancelled by the caller",
                    "canceled");
            case Fork.Result.Failed f -> {
                Integer code = f.ringTimeout() ? null : f.status();
                lastDialCode = code;
                s.callLog().eventQueued(callSid, "branch", Map.of("status", f.status(), "ring_timeout", f.ringTimeout()));
                if (script != null) {
                    advance(new Outcome.Dialed(DialStatus.fromSip(code, f.ringTimeout(), false), dialSid, duration,
                            code));
                } else if (f.ringTimeout()) {
                    respond(480, "Temporarily Unavailable", "No answer within the ring timeout", "no-answer");
                } else if (f.best() != null) {
                    relay(f.best());
                } else {
                    refuse(f.status(), "No branch could be reached");
                }
            }
        }
    }

    private Dialogs dialogs() {
        return s.dialogs();
    }

    private void refuse(int status, String why) {
        respond(status, reasonPhrase(status), why, statusOf(status));
    }

    private void respond(int status, String phrase, String why, String callStatus) {
        if (finished) {
            return;
        }
        finished = true;
        measureEnd(CallResult.ofCallStatus(callStatus));
        // logged (with its callback queued) before the caller hears it: what a caller was told is never lost
        s.callLog().endedQueued(callSid, callStatus, status, why).whenCompleteAsync((done, error) -> {
            try (CallLogContext ignored = CallLogContext.of(callSid)) {
                caller.sendResponse(s.core().replies().refusal(invite, status, phrase, why));
                logResult(status);
            } catch (Exception e) {
                log.debug("{} to the caller not sent: {}", status, e.toString());
            }
        }, s.work());
        ended.ended(this, false);
    }

    private void relay(Response best) {
        if (finished) {
            return;
        }
        finished = true;
        measureEnd(CallResult.ofCallStatus(statusOf(best.getStatusCode())));
        s.callLog().endedQueued(callSid, statusOf(best.getStatusCode()), best.getStatusCode(), best.getReasonPhrase())
                .whenCompleteAsync((done, error) -> {
                    try (CallLogContext ignored = CallLogContext.of(callSid)) {
                        caller.sendResponse(best);
                        logResult(best.getStatusCode());
                    } catch (Exception e) {
                        log.debug("{} to the caller not sent: {}", best.getStatusCode(), e.toString());
                    }
                }, s.work());
        ended.ended(this, false);
    }

    /** The caller was answered with {@code status}: its SIP line, and the set-up counted as answered. */
    private void answeredWith(int status) {
        logResult(status);
        measureEnd(CallResult.ANSWERED);
    }

    /** The SIP line of this call's INVITE: its final status, with the CallSid. */
    private void logResult(int status) {
        SipLog.result("INVITE", status, callerHop.getTransport(), callerHop.getHost(), callerHop.getPort(),
                callerInfo == null || callerInfo.from() == null ? null
                        : callerInfo.from().replaceFirst("^(?i)sips?:", ""), callId(), callSid);
    }

    /** The first ringing or answer sent to the caller: the post-dial delay, once per call. */
    private void measureProgress() {
        if (!progressed) {
            progressed = true;
            s.meters().postDialDelay(System.nanoTime() - received);
        }
    }

    /** The set-up is over: counted by handler and result (an answer is also the end of the post-dial delay). */
    private void measureEnd(CallResult result) {
        if (result == CallResult.ANSWERED) {
            measureProgress();
        }
        s.meters().ended(callerInfo == null ? null : callerInfo.handler(), result);
    }

    /** The call-log status of a call that got {@code sipStatus} as its final response. */
    static String statusOf(int sipStatus) {
        return switch (DialStatus.fromSip(sipStatus, false, sipStatus == 487)) {
            case COMPLETED -> "completed";
            case BUSY -> "busy";
            case NO_ANSWER -> "no-answer";
            case CANCELED -> "canceled";
            case FAILED -> "failed";
        };
    }

    static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 480 -> "Temporarily Unavailable";
            case 482 -> "Loop Detected";
            case 483 -> "Too Many Hops";
            case 486 -> "Busy Here";
            case 487 -> "Request Terminated";
            case 488 -> "Not Acceptable Here";
            case 500 -> "Server Internal Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 603 -> "Decline";
            default -> status < 500 ? "Request Failed" : status < 600 ? "Server Error" : "Global Failure";
        };
    }
}
