package dev.sipyard.sip.proxy;

import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.routing.CallerPolicy;
import dev.sipyard.routing.Decision;
import dev.sipyard.routing.DecisionTable;
import dev.sipyard.routing.DialledTarget;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.Optional;
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
    private final ConcurrentHashMap<String, CallSession> byInvite = new ConcurrentHashMap<>();

    CallSessions(CallServices services, CallLimits limits) {
        this.services = services;
        this.limits = limits;
    }

    /** The key of an INVITE, which its CANCEL shares (top Via branch and Call-ID). */
    static String key(SIPRequest request) {
        return request.getTopmostVia().getBranch() + "|" + request.getCallId().getCallId();
    }

    void start(ServerTransaction st, SIPRequest invite, Hop callerHop, SipDirectory.Credential caller) {
        String key = key(invite);
        CallSession session = new CallSession(services, st, invite, callerHop, caller, (s, answered) -> {
            byInvite.remove(key);
            if (!answered) {
                limits.release(caller.endpointId());
            }
        });
        byInvite.put(key, session);
        String project = caller.projectId();
        String dialled = invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        String domain = ((SipURI) ((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI()).getHost();
        Decision decision;
        DialledTarget.Classified target;
        String handler;
        try {
            target = DialledTarget.classifyAgainst(dialled, u -> services.directory().credential(project, u)
                    .map(c -> new DialledTarget.KnownEndpoint(c.endpointId(), c.username())));
            Optional<CallerPolicy> policy = services.policies().of(project, caller.endpointId());
            if (policy.isEmpty()) {
                decision = new Decision.Refuse(403, "The calling endpoint no longer exists");
                handler = null;
            } else {
                decision = DecisionTable.decide(policy.get(), target);
                handler = policy.get().effectiveHandler().wireName();
            }
        } catch (RuntimeException e) {
            log.warn("routing of a call from {} failed: {}", caller.username(), e.toString());
            target = new DialledTarget.Classified(DialledTarget.Kind.UNKNOWN, String.valueOf(dialled),
                    String.valueOf(dialled), null);
            decision = new Decision.Refuse(500, "Routing failed on this server");
            handler = null;
        }
        session.start(decision, target, handler, domain);
    }

    /** The call a CANCEL is for, or null. */
    CallSession find(SIPRequest cancel) {
        return byInvite.get(key(cancel));
    }

    int size() {
        return byInvite.size();
    }
}
