package dev.sipyard.sip.proxy;

import dev.sipyard.location.Binding;
import dev.sipyard.location.LocationService;
import gov.nist.javax.sip.stack.HopImpl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call placed through this node, from the authenticated INVITE to its final response: carries
 * out the routing plan (ring an endpoint's bindings, relay to a gateway, refuse) and answers the
 * caller. After a 2xx the call lives on in {@link Dialogs} until its BYE.
 */
final class CallSession implements Fork.Listener {
    private static final Logger log = LoggerFactory.getLogger(CallSession.class);

    /** What to do with the call (the routing decision, in terms of this proxy). */
    sealed interface Plan {
        record Ring(String endpointId, String username, Duration timeout) implements Plan {}

        record Relay(String requestUri, String fromUser, String displayName, Duration timeout) implements Plan {}

        record Refuse(int status, String reason) implements Plan {}
    }

    /** Told when the call ends before being answered, or is answered (so limits can be released). */
    interface Ended {
        void ended(CallSession session, boolean answered);
    }

    private final ProxyCore core;
    private final ServerTransaction caller;
    private final Request invite;
    private final Hop callerHop;
    private final String callSid;
    private final String callerEndpointId;
    private final LocationService locations;
    private final Dialogs dialogs;
    private final ScheduledExecutorService timers;
    private final Ended ended;
    private Fork fork;
    private boolean finished;

    CallSession(ProxyCore core, ServerTransaction caller, Request invite, Hop callerHop, String callSid,
                String callerEndpointId, LocationService locations, Dialogs dialogs, ScheduledExecutorService timers, Ended ended) {
        this.core = core;
        this.caller = caller;
        this.invite = invite;
        this.callerHop = callerHop;
        this.callSid = callSid;
        this.callerEndpointId = callerEndpointId;
        this.locations = locations;
        this.dialogs = dialogs;
        this.timers = timers;
        this.ended = ended;
    }

    String callSid() {
        return callSid;
    }

    synchronized void run(Plan plan) {
        switch (plan) {
            case Plan.Refuse r -> refuse(r.status(), r.reason());
            case Plan.Ring r -> ring(r);
            case Plan.Relay r -> dial(List.of(new Fork.Target(r.requestUri(), null, r.fromUser(), r.displayName())),
                    r.timeout());
        }
    }

    private void ring(Plan.Ring r) {
        List<Fork.Target> targets = new ArrayList<>();
        for (Binding b : locations.live(r.endpointId())) {
            targets.add(new Fork.Target(b.contactUri(), hopOf(b), null, null));
        }
        if (targets.isEmpty()) {
            refuse(480, r.username() + " is not registered");
            return;
        }
        dial(targets, r.timeout());
    }

    private void dial(List<Fork.Target> targets, Duration timeout) {
        fork = new Fork(core, caller, invite, callerHop.getTransport(), targets, timeout, timers, this);
        fork.start();
    }

    static Hop hopOf(Binding b) {
        return new HopImpl(b.sourceAddress(), b.sourcePort(), b.transport().toUpperCase(Locale.ROOT));
    }

    /** The caller CANCELled; true when there was still something to cancel. */
    synchronized boolean cancel() {
        if (finished) {
            return false;
        }
        if (fork != null && fork.cancel()) {
            return true;
        }
        respond(487, "Request Terminated", "Call cancelled by the caller");
        return true;
    }

    @Override
    public void ringing() {}

    @Override
    public synchronized void finished(Fork.Result result) {
        switch (result) {
            case Fork.Result.Answered a -> {
                String callId = ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
                dialogs.established(callId, callerHop, a.target().hop(), callSid, callerEndpointId);
                finished = true;
                ended.ended(this, true);
            }
            case Fork.Result.Canceled c -> respond(487, "Request Terminated", "Call cancelled by the caller");
            case Fork.Result.Failed f -> {
                if (f.ringTimeout()) {
                    respond(480, "Temporarily Unavailable", "No answer within the ring timeout");
                } else if (f.best() != null) {
                    relay(f.best());
                } else {
                    respond(f.status(), reasonPhrase(f.status()), "No branch could be reached");
                }
            }
        }
    }

    private void refuse(int status, String why) {
        respond(status, reasonPhrase(status), why);
    }

    private void respond(int status, String phrase, String why) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            caller.sendResponse(core.replies().refusal(invite, status, phrase, why));
        } catch (Exception e) {
            log.debug("{} to the caller not sent: {}", status, e.toString());
        }
        ended.ended(this, false);
    }

    private void relay(Response best) {
        if (finished) {
            return;
        }
        finished = true;
        try {
            caller.sendResponse(best);
        } catch (Exception e) {
            log.debug("{} to the caller not sent: {}", best.getStatusCode(), e.toString());
        }
        ended.ended(this, false);
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
