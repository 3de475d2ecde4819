package dev.sipyard.sip.proxy;

import dev.sipyard.sip.transport.RequestHandler;
import dev.sipyard.sip.transport.SipLog;
import dev.sipyard.sip.transport.SipReplies;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import javax.sip.ClientTransaction;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests inside an established call (BYE, re-INVITE, UPDATE, INFO, REFER, PRACK, NOTIFY) and
 * the ACK of a 2xx: relayed to the other side's flow, statefully (ACK statelessly). A BYE's final
 * response ends the call's entry in {@link Dialogs}.
 */
final class InDialogHandler {
    private static final Logger log = LoggerFactory.getLogger(InDialogHandler.class);

    /** Told when a call's BYE has been answered. */
    interface Hangups {
        void hungUp(Dialogs.Flows flows, String callId, boolean byCaller);
    }

    private final ProxyCore core;
    private final Dialogs dialogs;
    private final Hangups hangups;
    private final LocalDialogs local;

    InDialogHandler(ProxyCore core, Dialogs dialogs, LocalDialogs local, Hangups hangups) {
        this.core = core;
        this.dialogs = dialogs;
        this.local = local;
        this.hangups = hangups;
    }

    RequestHandler requests() {
        return this::request;
    }

    RequestHandler acks() {
        return this::ack;
    }

    private void request(RequestEvent event, SIPRequest request, String source) throws Exception {
        if (relayedWithoutTransaction(request, source)) {
            return;
        }
        ServerTransaction st = core.replies().transaction(event);
        if (st == null) {
            return;
        }
        if (ProxyCore.outOfHops(request)) {
            st.sendResponse(core.replies().refusal(request, 483, "Too Many Hops", "Max-Forwards reached zero"));
            return;
        }
        String callId = request.getCallId().getCallId();
        LocalDialogs.Dialog ours = local.find(callId);
        if (ours != null) {
            int status = ours.request(st, request);
            SipLog.result(request.getMethod(), status, SipReplies.transport(request), source, request.getRemotePort(),
                    null, callId, ours.callSid());
            return;
        }
        Dialogs.Flows flows = dialogs.find(callId);
        Hop next = flows == null ? null : flows.oppositeOf(source, request.getRemotePort());
        String transport = next != null ? next.getTransport() : SipReplies.transport(request);
        Request out = core.forwardCopy(request, transport);
        boolean bye = Request.BYE.equals(request.getMethod());
        try {
            core.send(out, next, flows == null ? null : flows.callSid(), new ProxyCore.ClientListener() {
                @Override
                public void response(ClientTransaction ct, Response response) {
                    if (response.getStatusCode() == 100) {
                        return;
                    }
                    relay(st, response);
                    logged(request, source, response.getStatusCode(), flows);
                    if (bye && response.getStatusCode() >= 200) {
                        ended(flows, callId, source, request.getRemotePort());
                    }
                }

                @Override
                public void timeout(ClientTransaction ct) {
                    try {
                        st.sendResponse(core.replies().reply(request, 408, "Request Timeout"));
                        logged(request, source, 408, flows);
                    } catch (Exception e) {
                        log.debug("408 not sent: {}", e.toString());
                    }
                    if (bye) {
                        ended(flows, callId, source, request.getRemotePort());
                    }
                }
            });
        } catch (Exception e) {
            log.info("in-dialog {} not forwarded: {}", request.getMethod(), e.toString());
            st.sendResponse(core.replies().refusal(request, 503, "Service Unavailable", "The other side cannot be reached"));
            logged(request, source, 503, flows);
            if (bye) {
                ended(flows, callId, source, request.getRemotePort());
            }
        }
    }

    /**
     * A BYE over UDP that we route (not one for a call this server answered) is relayed like the
     * ACK of a 2xx, without a transaction: its server transaction would hold the parsed BYE and
     * its response until timer J (64 x T1) to absorb repeats; at 500 calls/s those were half of
     * the stack's live transactions (some 10,000) and 28 MB of old generation. A repeated BYE gets the same
     * branch, so the callee absorbs it and repeats its response, which goes back along the Via.
     * The call ends when the BYE passes (RFC 3261 15.1.1: the side that sends BYE has ended the
     * session). False when the request takes the transaction path.
     */
    private boolean relayedWithoutTransaction(SIPRequest request, String source) {
        if (!Request.BYE.equals(request.getMethod()) || !overUdp(request) || ProxyCore.outOfHops(request)) {
            return false;
        }
        String callId = request.getCallId().getCallId();
        Dialogs.Flows flows = dialogs.find(callId);
        if (local.find(callId) != null || (flows == null && request.getHeader("Route") == null)) {
            return false;
        }
        Hop next = flows == null ? null : flows.oppositeOf(source, request.getRemotePort());
        try {
            core.sendStateless(core.forwardStatelessCopy(request,
                    next != null ? next.getTransport() : SipReplies.transport(request)), next);
        } catch (Exception e) {
            log.info("BYE not forwarded: {}", e.toString());
            return false; // the transaction path answers it (503)
        }
        ended(flows, callId, source, request.getRemotePort());
        return true;
    }

    /** By the channel it arrived on (the stack sets it on every request it receives), not by its Via. */
    private static boolean overUdp(SIPRequest request) {
        return request.getMessageChannel() instanceof MessageChannel channel
                && "UDP".equalsIgnoreCase(channel.getTransport());
    }

    private void ended(Dialogs.Flows flows, String callId, String source, int port) {
        if (flows != null && dialogs.end(callId)) {
            hangups.hungUp(flows, callId, flows.caller().getHost().equals(source) && flows.caller().getPort() == port);
        }
    }

    /** The SIP line of an in-dialog request's final response, with the call's CallSid when it is one of ours. */
    private static void logged(SIPRequest request, String source, int status, Dialogs.Flows flows) {
        if (status >= 200) {
            SipLog.result(request.getMethod(), status, SipReplies.transport(request), source, request.getRemotePort(),
                    null, request.getCallId().getCallId(), flows == null ? null : flows.callSid());
        }
    }

    private void relay(ServerTransaction st, Response response) {
        try {
            st.sendResponse(response);
        } catch (Exception e) {
            log.debug("in-dialog response not relayed: {}", e.toString());
        }
    }

    private void ack(RequestEvent event, SIPRequest request, String source) throws Exception {
        if (event.getServerTransaction() != null) {
            return; // the ACK of a non-2xx final response: its transaction absorbed it
        }
        LocalDialogs.Dialog ours = local.find(request.getCallId().getCallId());
        if (ours != null) {
            ours.ack(request);
            return;
        }
        Dialogs.Flows flows = dialogs.find(request.getCallId().getCallId());
        Hop next = flows == null ? null : flows.oppositeOf(source, request.getRemotePort());
        if (flows == null && (request.getHeader("Route") == null || core.replies().answeredHere(request))) {
            return; // not ours to route, or the ACK of our own final response (a 407) whose transaction is over
        }
        String transport = next != null ? next.getTransport() : SipReplies.transport(request);
        core.sendStateless(core.forwardStatelessCopy(request, transport), next);
    }
}
