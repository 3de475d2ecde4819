package dev.sipyard.sip.proxy;

import dev.sipyard.common.Ids;
import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.location.LocationService;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The calls being set up on this node, by their INVITE (so a CANCEL finds its call). */
final class CallSessions {
    private static final Logger log = LoggerFactory.getLogger(CallSessions.class);

    /** Decides what a call does (the routing decision, in the proxy's terms). */
    interface Planner {
        CallSession.Plan plan(SipDirectory.Credential caller, String dialledUser, Request invite);
    }

    private final ProxyCore core;
    private final Planner planner;
    private final LocationService locations;
    private final Dialogs dialogs;
    private final CallLimits limits;
    private final ScheduledExecutorService timers;
    private final ConcurrentHashMap<String, CallSession> byInvite = new ConcurrentHashMap<>();

    CallSessions(ProxyCore core, Planner planner, LocationService locations, Dialogs dialogs, CallLimits limits,
                 ScheduledExecutorService timers) {
        this.core = core;
        this.planner = planner;
        this.locations = locations;
        this.dialogs = dialogs;
        this.limits = limits;
        this.timers = timers;
    }

    /** The key of an INVITE, which its CANCEL shares (top Via branch and Call-ID). */
    static String key(SIPRequest request) {
        return request.getTopmostVia().getBranch() + "|" + request.getCallId().getCallId();
    }

    void start(ServerTransaction st, SIPRequest invite, Hop callerHop, SipDirectory.Credential caller) {
        String key = key(invite);
        CallSession session = new CallSession(core, st, invite, callerHop, Ids.newId(), caller.endpointId(), locations, dialogs, timers,
                (s, answered) -> {
                    byInvite.remove(key);
                    if (!answered) {
                        limits.release(caller.endpointId());
                    }
                });
        byInvite.put(key, session);
        String dialled = invite.getRequestURI() instanceof SipURI uri ? uri.getUser() : null;
        CallSession.Plan plan;
        try {
            plan = planner.plan(caller, dialled, invite);
        } catch (RuntimeException e) {
            log.warn("routing of a call from {} failed: {}", caller.username(), e.toString());
            plan = new CallSession.Plan.Refuse(500, "Routing failed on this server");
        }
        session.run(plan);
    }

    /** The call a CANCEL is for, or null. */
    CallSession find(SIPRequest cancel) {
        return byInvite.get(key(cancel));
    }

    int size() {
        return byInvite.size();
    }
}
