package dev.sipyard.sip.proxy;

import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.project.PhoneNumber;
import dev.sipyard.routing.CallerPolicies;
import dev.sipyard.routing.DialledTarget;
import dev.sipyard.sip.auth.AuthRequest;
import dev.sipyard.sip.auth.DigestVerifier;
import dev.sipyard.sip.transport.RequestHandler;
import dev.sipyard.sip.transport.SipHeaders;
import dev.sipyard.sip.transport.SipLog;
import dev.sipyard.sip.transport.SipReplies;
import dev.sipyard.store.Database;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.HopImpl;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new call (INVITE without a To tag): 100 Trying, the caller's project from its From host,
 * digest authentication with 407/Proxy-Authenticate, the endpoint's call limits, then a
 * {@link CallSession} carries out the routing decision.
 */
final class InviteHandler implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(InviteHandler.class);

    /** How often one call may pass through this server (spirals through documents and gateways). */
    private static final int MAX_PASSES = 3;
    /** Retry-After of the 503 to an INVITE that needs the database while it is unreachable. */
    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    private final ProxyCore core;
    private final SipDirectory directory;
    private final DigestVerifier verifier;
    private final CallLimits limits;
    private final CallSessions sessions;
    private final CallServices services;
    private final NodeRelays relays;
    private final Executor work;

    InviteHandler(ProxyCore core, SipDirectory directory, DigestVerifier verifier, CallLimits limits,
                  CallSessions sessions, CallServices services, NodeRelays relays, Executor work) {
        this.relays = relays;
        this.core = core;
        this.directory = directory;
        this.verifier = verifier;
        this.limits = limits;
        this.sessions = sessions;
        this.services = services;
        this.work = work;
    }

    @Override
    public void handle(RequestEvent event, SIPRequest request, String source) throws Exception {
        long received = System.nanoTime();
        SipReplies replies = core.replies();
        ServerTransaction st = replies.transaction(event);
        if (st == null) {
            return; // a retransmission: its transaction answers it
        }
        if (ProxyCore.outOfHops(request)) {
            answer(st, request, source, replies.refusal(request, 483, "Too Many Hops", "Max-Forwards reached zero"));
            return;
        }
        if (core.looped(request, MAX_PASSES)) {
            answer(st, request, source, replies.refusal(request, 482, "Loop Detected",
                    "The call came back to this server " + MAX_PASSES + " times"));
            return;
        }
        st.sendResponse(replies.reply(request, 100, "Trying"));
        // the rest reads the database: off the SIP stack's threads
        work.execute(() -> {
            try {
                route(st, request, source, received);
            } catch (Exception e) {
                try {
                    if (Database.isUnavailable(e)) {
                        log.debug("INVITE from {} refused, the database is unreachable: {}", source, e.toString());
                        Response r = replies.refusal(request, 503, "Service Unavailable",
                                "The database cannot be reached; try again later");
                        r.addHeader(replies.header("Retry-After", Integer.toString(DATABASE_RETRY_AFTER_SECONDS)));
                        answer(st, request, source, r);
                        return;
                    }
                    log.warn("INVITE from {} could not be handled: {}", source, e.toString());
                    answer(st, request, source, replies.reply(request, 500, "Server Internal Error"));
                } catch (Exception ignored) {
                    // the transaction is gone
                }
            }
        });
    }

    private void route(ServerTransaction st, SIPRequest request, String source, long received) throws Exception {
        SipReplies replies = core.replies();
        String transport = SipReplies.transport(request);
        if (relays.handled(st, request, source, transport, sessions)) {
            return;
        }
        if (fromCarrier(st, request, source, transport, received)) {
            return;
        }
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        if (!(from.getAddress().getURI() instanceof SipURI fromUri) || fromUri.getUser() == null) {
            answer(st, request, source,
                    replies.refusal(request, 403, "Forbidden", "The caller is not a SIP user of this server"));
            return;
        }
        Optional<SipDirectory.Target> project = directory.resolve(fromUri.getHost(), fromUri.getUser());
        if (project.isEmpty()) {
            answer(st, request, source,
                    replies.refusal(request, 403, "Forbidden", "The caller's domain is not served here"));
            return;
        }
        InetAddress local = request.getLocalAddress();
        AuthRequest auth = new AuthRequest("INVITE", request.getRequestURI().toString(), fromUri.getUser(), "From",
                source, request.getRemotePort(), local == null ? null : local.getHostAddress(), request.getLocalPort(),
                SipHeaders.values(request, "Proxy-Authorization"), SipHeaders.first(request, "User-Agent"));
        // the caller's policy comes with its credential, in one query
        AtomicReference<CallerPolicies.CallingEndpoint> caller = new AtomicReference<>();
        switch (verifier.verify(auth, project.get(), (p, user) -> services.policies().caller(p, user)
                .map(found -> {
                    caller.set(found);
                    return found.credential();
                }))) {
            case DigestVerifier.Verdict.Challenge c -> {
                Response r = replies.reply(request, 407, "Proxy Authentication Required");
                for (String value : c.headerValues()) {
                    r.addHeader(replies.header("Proxy-Authenticate", value));
                }
                answer(st, request, source, r);
                endChallengeTransaction(st, transport);
            }
            case DigestVerifier.Verdict.Refused refused ->
                    answer(st, request, source, replies.reply(request, refused.status(), refused.reason()));
            case DigestVerifier.Verdict.Authenticated ok -> {
                String endpointId = ok.credential().endpointId();
                String over = limits.admit(endpointId);
                if (over != null) {
                    log.info("INVITE from {} refused: {}", ok.credential().username(), over);
                    Response r = replies.refusal(request, 503, "Service Unavailable", "Call limit: " + over);
                    r.addHeader(replies.header("Retry-After", "5"));
                    answer(st, request, source, r);
                    return;
                }
                sessions.start(st, request, new HopImpl(source, request.getRemotePort(), transport),
                        caller.get(), received);
            }
        }
    }

    /**
     * Ends an INVITE's transaction over UDP once its 407 is sent, as a stateless proxy would
     * answer it. Kept, it would wait for the ACK and then 5 s more (timer I) holding the INVITE,
     * one such transaction per call. Without it, a repeated INVITE (the 407 was lost) is challenged
     * again and the ACK of the 407 finds no dialog here and is dropped; no call was opened yet.
     */
    private static void endChallengeTransaction(ServerTransaction st, String transport) {
        if ("UDP".equals(transport)) {
            try {
                st.terminate();
            } catch (Exception e) {
                log.debug("challenged INVITE's transaction not ended: {}", e.toString());
            }
        }
    }

    /** Sends a final response to the caller's INVITE and logs its result (no CallSid: no call was opened). */
    private static void answer(ServerTransaction st, SIPRequest request, String source, Response r) throws Exception {
        st.sendResponse(r);
        SipLog.result("INVITE", r.getStatusCode(), SipReplies.transport(request), source, request.getRemotePort(),
                callerOf(request), request.getCallId().getCallId(), null);
    }

    /** The From AOR of {@code request} (user@host), for its log line; null when it is not a SIP URI. */
    static String callerOf(SIPRequest request) {
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        return from != null && from.getAddress().getURI() instanceof SipURI u
                ? (u.getUser() == null ? u.getHost() : u.getUser() + "@" + u.getHost()) : null;
    }

    /**
     * A call to one of a project's numbers from the address of one of that project's SIP
     * gateways: taken without digest (carriers do not register), limited per number.
     */
    private boolean fromCarrier(ServerTransaction st, SIPRequest request, String source, String transport,
                                long received) throws Exception {
        if (!(request.getRequestURI() instanceof SipURI uri) || uri.getUser() == null) {
            return false;
        }
        Optional<String> number = DialledTarget.pstnNumber(uri.getUser());
        if (number.isEmpty()) {
            return false;
        }
        Optional<PhoneNumber> owned = services.numbers().findByNumber(number.get());
        if (owned.isEmpty() || !services.carriers().isGatewayOf(owned.get().projectId(), source)) {
            return false;
        }
        String over = limits.admit("number:" + owned.get().id());
        if (over != null) {
            Response r = core.replies().refusal(request, 503, "Service Unavailable", "Call limit: " + over);
            r.addHeader(core.replies().header("Retry-After", "5"));
            answer(st, request, source, r);
            return true;
        }
        sessions.startInbound(st, request, new HopImpl(source, request.getRemotePort(), transport), owned.get(),
                received);
        return true;
    }
}
