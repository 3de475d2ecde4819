package dev.sipyard.sip.proxy;

import dev.sipyard.sip.transport.ClientEventHandler;
import dev.sipyard.sip.transport.HopRouter;
import dev.sipyard.sip.transport.SipLog;
import dev.sipyard.sip.transport.SipHash;
import dev.sipyard.sip.transport.SipReplies;
import dev.sipyard.sip.transport.SipStack;
import gov.nist.javax.sip.Utils;
import gov.nist.javax.sip.header.HeaderFactoryExt;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.ListIterator;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ClientTransaction;
import javax.sip.ListeningPoint;
import javax.sip.ResponseEvent;
import javax.sip.TimeoutEvent;
import javax.sip.address.Address;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every proxied request needs: a copy for the next hop (our Route entries taken off,
 * Max-Forwards decremented, our Via on top), Record-Route, sending it in a client transaction
 * and giving the responses and timeouts of that transaction to whoever sent it (after its
 * {@link SipLog#sent} line, with the CallSid it was sent for). Responses that no transaction claims
 * (retransmitted 2xx) are relayed statelessly along their Via.
 */
final class ProxyCore implements ClientEventHandler {
    private static final Logger log = LoggerFactory.getLogger(ProxyCore.class);

    /** Who gets the responses of a request sent in a client transaction. */
    interface ClientListener {
        void response(ClientTransaction ct, Response response);

        void timeout(ClientTransaction ct);
    }

    private final SipStack stack;
    private final SipReplies replies;
    /** Does nothing with the responses: for requests whose outcome changes nothing (a CANCEL, our own BYE). */
    static final ClientListener IGNORING = new ClientListener() {
        @Override
        public void response(ClientTransaction ct, Response response) {}

        @Override
        public void timeout(ClientTransaction ct) {}
    };

    /** A client transaction's listener and the CallSid of the call it was sent for (null: none). */
    private record Pending(ClientListener listener, String callSid) {}

    private final ConcurrentHashMap<ClientTransaction, Pending> clients = new ConcurrentHashMap<>();
    private final SipHash statelessBranches = SipHash.withRandomKey();

    ProxyCore(SipStack stack, SipReplies replies) {
        this.stack = stack;
        this.replies = replies;
    }

    SipStack stack() {
        return stack;
    }

    SipReplies replies() {
        return replies;
    }

    /** True when the request has no hops left (Max-Forwards 0): it must be answered 483. */
    static boolean outOfHops(Request request) {
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        return mf != null && mf.getMaxForwards() <= 0;
    }

    /**
     * True when the request has already passed through this server {@code times} times (our own
     * Via headers in it): a call that a document or a gateway routes back to us ends (482) rather
     * than spiralling until Max-Forwards runs out.
     */
    boolean looped(Request request, int times) {
        int ours = 0;
        ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
        while (vias != null && vias.hasNext()) {
            ViaHeader v = (ViaHeader) vias.next();
            for (String t : new String[] {"UDP", "TCP", "TLS", "WS", "WSS"}) {
                ListeningPoint lp = stack.listeningPoint(t);
                if (lp != null && lp.getIPAddress().equals(v.getHost()) && lp.getPort() == v.getPort()) {
                    ours++;
                    break;
                }
            }
        }
        return ours >= times;
    }

    /** A copy of {@code original} for the next hop over {@code transport}. */
    Request forwardCopy(Request original, String transport) throws Exception {
        return forwardCopy(original, transport, Utils.getInstance().generateBranchId());
    }

    /**
     * A copy of {@code request} for the next hop, relayed without a transaction: the ACK of a 2xx,
     * and a BYE over UDP (see {@link InDialogHandler}). Its Via branch is derived from the incoming
     * request (RFC 3261, 16.11), so that a retransmission (an ACK per retransmitted 200, a BYE
     * whose 200 was lost) goes on as the same request and the next hop absorbs it; with a new
     * branch each time, a callee takes the second copy for a new request.
     */
    Request forwardStatelessCopy(SIPRequest request, String transport) throws Exception {
        gov.nist.javax.sip.header.Via top = request.getTopmostVia();
        long key = statelessBranches.hash(top.getBranch(), top.getSentBy().encode(), request.getCallId().getCallId(),
                request.getCSeq().getSeqNumber());
        return forwardCopy(request, transport,
                "z9hG4bK-" + request.getMethod().toLowerCase(Locale.ROOT) + "-" + Long.toHexString(key));
    }

    private Request forwardCopy(Request original, String transport, String branch) throws Exception {
        Request out = (Request) original.clone();
        removeOurRoutes(out);
        MaxForwardsHeader mf = (MaxForwardsHeader) out.getHeader(MaxForwardsHeader.NAME);
        if (mf == null) {
            out.setHeader(stack.headers().createMaxForwardsHeader(69));
        } else {
            mf.decrementMaxForwards();
        }
        ListeningPoint lp = listeningPoint(transport);
        ViaHeader via = stack.headers().createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(), branch);
        via.setRPort();
        out.addFirst(via);
        return out;
    }

    /**
     * Record-Routes {@code out} so that the dialog's later requests pass through us; when the two
     * sides use different transports, two entries (RFC 5658): the top one faces the callee.
     */
    void recordRoute(Request out, String callerTransport, String calleeTransport) throws Exception {
        if (!callerTransport.equalsIgnoreCase(calleeTransport)) {
            out.addFirst(recordRouteFor(callerTransport));
        }
        out.addFirst(recordRouteFor(calleeTransport));
    }

    private RecordRouteHeader recordRouteFor(String transport) throws Exception {
        ListeningPoint lp = listeningPoint(transport);
        SipURI uri = stack.addresses().createSipURI(null, lp.getIPAddress());
        uri.setPort(lp.getPort());
        uri.setTransportParam(lp.getTransport().toLowerCase(Locale.ROOT));
        uri.setLrParam();
        Address a = stack.addresses().createAddress(uri);
        return stack.headers().createRecordRouteHeader(a);
    }

    /** A Contact naming this server on {@code transport}: for dialogs where we are the far end. */
    javax.sip.header.ContactHeader contact(String transport) throws Exception {
        ListeningPoint lp = listeningPoint(transport);
        SipURI uri = stack.addresses().createSipURI("sipyard", lp.getIPAddress());
        uri.setPort(lp.getPort());
        if (!"UDP".equalsIgnoreCase(lp.getTransport())) {
            uri.setTransportParam(lp.getTransport().toLowerCase(Locale.ROOT));
        }
        return stack.headers().createContactHeader(stack.addresses().createAddress(uri));
    }

    /** Our Via for a request we originate on {@code transport}. */
    ViaHeader via(String transport) throws Exception {
        ListeningPoint lp = listeningPoint(transport);
        ViaHeader via = stack.headers().createViaHeader(lp.getIPAddress(), lp.getPort(), lp.getTransport(),
                Utils.getInstance().generateBranchId());
        via.setRPort();
        return via;
    }

    private ListeningPoint listeningPoint(String transport) {
        ListeningPoint lp = stack.listeningPoint(transport.toUpperCase(Locale.ROOT));
        if (lp == null) {
            lp = stack.listeningPoint("UDP");
        }
        return lp;
    }

    /** Takes off the Route entries at the top that name this server (and the header, when none is left). */
    void removeOurRoutes(Request request) {
        ListIterator<?> routes = request.getHeaders(RouteHeader.NAME);
        while (routes != null && routes.hasNext()) {
            RouteHeader r = (RouteHeader) routes.next();
            if (r.getAddress().getURI() instanceof SipURI uri && isOurs(uri)) {
                routes.remove();
            } else {
                break;
            }
        }
        ListIterator<?> left = request.getHeaders(RouteHeader.NAME);
        if (left == null || !left.hasNext()) {
            request.removeHeader(RouteHeader.NAME);
        }
    }

    private boolean isOurs(SipURI uri) {
        for (String t : new String[] {"UDP", "TCP", "TLS", "WS", "WSS"}) {
            ListeningPoint lp = stack.listeningPoint(t);
            if (lp != null && lp.getIPAddress().equalsIgnoreCase(uri.getHost())
                    && (uri.getPort() == lp.getPort() || (uri.getPort() <= 0 && lp.getPort() == 5060))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends {@code out} to {@code hop} (null: by its Route and Request-URI) in a client transaction;
     * its result is logged with {@code callSid} (null when it belongs to no call).
     */
    ClientTransaction send(Request out, Hop hop, String callSid, ClientListener listener) throws Exception {
        if (hop != null) {
            HopRouter.pin(out, hop);
        }
        ClientTransaction ct = stack.provider().getNewClientTransaction(out);
        clients.put(ct, new Pending(listener, callSid));
        try {
            ct.sendRequest();
        } catch (Exception e) {
            clients.remove(ct);
            throw e;
        }
        return ct;
    }

    /** Sends {@code out} without a transaction (an ACK for a 2xx). */
    void sendStateless(Request out, Hop hop) throws Exception {
        if (hop != null) {
            HopRouter.pin(out, hop);
        }
        stack.provider().sendRequest(out);
    }

    /** Sends a CANCEL for a branch that has had a provisional response. */
    void cancel(ClientTransaction ct) {
        try {
            Request cancel = ct.createCancel();
            ClientTransaction cancelCt = stack.provider().getNewClientTransaction(cancel);
            Pending branch = clients.get(ct);
            clients.put(cancelCt, new Pending(IGNORING, branch == null ? null : branch.callSid()));
            try {
                cancelCt.sendRequest();
            } catch (Exception e) {
                clients.remove(cancelCt);
                throw e;
            }
        } catch (Exception e) {
            log.debug("CANCEL of a branch not sent: {}", e.toString());
        }
    }

    @Override
    public void response(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction ct = event.getClientTransaction();
        Pending pending = ct == null ? null : clients.get(ct);
        response.removeFirst(ViaHeader.NAME);
        if (pending == null) {
            relayStateless(response);
            return;
        }
        int status = response.getStatusCode();
        if (status >= 200) {
            clients.remove(ct);
            SipLog.sent(ct, status, pending.callSid());
        }
        pending.listener().response(ct, response);
    }

    /**
     * A response no transaction claims goes on along its Via: a retransmitted 2xx to an INVITE, and
     * any response but 100 to a BYE this server relayed without a transaction (whose final
     * response is logged here, without a CallSid: the call has ended by then).
     */
    private void relayStateless(Response response) {
        int status = response.getStatusCode();
        boolean bye = response instanceof SIPResponse r && r.getCSeq() != null
                && Request.BYE.equals(r.getCSeq().getMethod());
        if (response.getHeader(ViaHeader.NAME) == null || (bye ? status == 100 : status < 200 || status >= 300)) {
            return;
        }
        try {
            stack.provider().sendResponse(response);
        } catch (Exception e) {
            log.debug("stray {} not relayed: {}", status, e.toString());
            return;
        }
        if (bye && status >= 200 && response instanceof SIPResponse r) {
            gov.nist.javax.sip.header.Via to = r.getTopmostVia();
            String host = to.getReceived() != null ? to.getReceived() : to.getHost();
            int port = to.getRPort() > 0 ? to.getRPort() : to.getPort();
            SipLog.result(Request.BYE, status, to.getTransport().toUpperCase(Locale.ROOT), host, port, null,
                    r.getCallId().getCallId(), null);
        }
    }

    @Override
    public void timeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = event.getClientTransaction();
        Pending pending = ct == null ? null : clients.remove(ct);
        if (pending != null) {
            SipLog.sent(ct, 408, pending.callSid());
            pending.listener().timeout(ct);
        }
    }

    /** A header of any name on a message we build. */
    javax.sip.header.Header header(String name, String value) throws java.text.ParseException {
        return ((HeaderFactoryExt) stack.headers()).createHeader(name, value);
    }
}
