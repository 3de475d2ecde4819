package dev.sipyard.sip.proxy;

import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.location.LocationService;
import dev.sipyard.routing.CallerPolicies;
import dev.sipyard.routing.CallerPolicy;
import dev.sipyard.routing.Decision;
import dev.sipyard.routing.DecisionTable;
import dev.sipyard.routing.DialledTarget;
import dev.sipyard.routing.InboundDecisions;
import dev.sipyard.project.PhoneNumber;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls being set up on this node, by their INVITE (so a CANCEL finds its call): each gets
 * the routing decision for its caller's policy and dialled target, then a {@link CallSession}.
 */
final class CallSessions {
    private static final Logger log = LoggerFactory.getLogger(CallSessions.class);

    private final CallServices services;
    private final CallLimits limits;
    /** A call being set up here, which a CANCEL may stop. */
    interface Pending {
        /** True when there was still something to cancel. */
        boolean cancel();

        /** The call's CallSid, or null when another node logs it. */
        String callSid();
    }

    private final ConcurrentHashMap<String, Pending> byInvite = new ConcurrentHashMap<>();

    CallSessions(CallServices services, CallLimits limits) {
        this.services = services;
        this.limits = limits;
    }

    /** The key of an INVITE, which its CANCEL shares (top Via branch and Call-ID). */
    static String key(SIPRequest request) {
        return request.getTopmostVia().getBranch() + "|" + request.getCallId().getCallId();
    }

    /**
     * A call placed by an authenticated endpoint: its policy and the dialled target decide.
     * {@code received} is the INVITE's arrival ({@link System#nanoTime()}).
     */
    void start(ServerTransaction st, SIPRequest invite, Hop callerHop, CallerPolicies.CallingEndpoint calling,
               long received) {
        SipDirectory.Credential caller = calling.credential();
        String project = caller.projectId();
        String dialled = invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        String domain = ((SipURI) ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI()).getHost();
        Decision decision;
        DialledTarget.Classified target;
        String handler = null;
        LocationService.Reachable[] callee = new LocationService.Reachable[1];
        try {
            // the dialled endpoint is read with its bindings: ringing it then needs no second query
            target = DialledTarget.classifyAgainst(dialled, u -> services.locations().reachable(project, u)
                    .map(r -> {
                        callee[0] = r;
                        return new DialledTarget.KnownEndpoint(r.endpointId(), r.username());
                    }));
            CallerPolicy policy = services.policies().policyOf(calling);
            decision = DecisionTable.decide(policy, target);
            handler = policy.effectiveHandler().wireName();
        } catch (RuntimeException e) {
            log.warn("routing of a call from {} failed: {}", caller.username(), e.toString());
            target = new DialledTarget.Classified(DialledTarget.Kind.UNKNOWN, String.valueOf(dialled),
                    String.valueOf(dialled), null);
            decision = new Decision.Refuse(500, "Routing failed on this server");
        }
        String to = target.kind() == DialledTarget.Kind.PSTN ? target.user() : "sip:" + target.dialled() + "@" + domain;
        run(st, invite, callerHop, decision, new Caller(project, caller.endpointId(), caller.username(), null,
                caller.endpointId(), "sip:" + caller.username() + "@" + domain, to, handler), received, callee[0]);
    }

    /** A call from one of the project's carriers to one of its numbers: the number's handler decides. */
    void startInbound(ServerTransaction st, SIPRequest invite, Hop callerHop, PhoneNumber number, long received) {
        Decision decision;
        try {
            decision = InboundDecisions.decide(number.number(),
                    number.callHandler() == null ? null : number.callHandler().wireName(),
                    number.callHandler() != null && number.callHandler().routesCalls(),
                    services.policies().numberTarget(number).orElse(null));
        } catch (RuntimeException e) {
            log.warn("routing of a call to {} failed: {}", number.number(), e.toString());
            decision = new Decision.Refuse(500, "Routing failed on this server");
        }
        String fromUser = ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI() instanceof SipURI u
                ? u.getUser() : null;
        String from = fromUser == null ? "" : DialledTarget.pstnNumber(fromUser).orElse(fromUser);
        run(st, invite, callerHop, decision, new Caller(number.projectId(), null, null, number.id(),
                "number:" + number.id(), from, number.number(),
                number.callHandler() == null ? null : number.callHandler().wireName()), received, null);
    }

    /** {@code callee}: the dialled endpoint with its bindings as just read, or null. */
    private void run(ServerTransaction st, SIPRequest invite, Hop callerHop, Decision decision, Caller caller,
                     long received, LocationService.Reachable callee) {
        String key = key(invite);
        CallSession session = new CallSession(services, st, invite, callerHop, received, new CallSession.Ended() {
            @Override
            public void ended(CallSession s, boolean answered) {
                byInvite.remove(key);
                if (!answered) {
                    limits.release(caller.limitKey());
                }
            }

            @Override
            public void hungUp(CallSession s) {
                limits.release(caller.limitKey());
            }
        });
        byInvite.put(key, session);
        session.start(decision, caller, callee);
    }

    /** The call a CANCEL is for, or null. */
    Pending find(SIPRequest cancel) {
        return byInvite.get(key(cancel));
    }

    /** Tracks a call set up here by other means than a {@link CallSession}, under its INVITE's {@link #key}. */
    void track(String key, Pending call) {
        byInvite.put(key, call);
    }

    void untrack(String key) {
        byInvite.remove(key);
    }

    int size() {
        return byInvite.size();
    }
}
