package dev.sipyard.sip.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.address.Address;
import javax.sip.address.Hop;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A dialog this server is a party to (RFC 3261 §12), enough to send requests inside it: its
 * Call-ID, our and the peer's addresses and tags, the peer's target and the route set, and the
 * flow to use.
 */
final class PeerDialog {
    private final String callId;
    private final Address local;
    private final String localTag;
    private final Address remote;
    private final String remoteTag;
    private final URI target;
    private final List<Address> routes;
    private final Hop hop;
    private final String transport;
    private final AtomicLong cseq;

    private PeerDialog(String callId, Address local, String localTag, Address remote, String remoteTag, URI target,
                       List<Address> routes, Hop hop, String transport, long firstCseq) {
        this.callId = callId;
        this.local = local;
        this.localTag = localTag;
        this.remote = remote;
        this.remoteTag = remoteTag;
        this.target = target;
        this.routes = routes;
        this.hop = hop;
        this.transport = transport;
        this.cseq = new AtomicLong(firstCseq);
    }

    /** We answered {@code invite} with {@code ok}: the caller is the peer, its Record-Route order is the route set. */
    static PeerDialog asCallee(Request invite, Response ok, Hop callerHop) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
        return new PeerDialog(callId(invite), to.getAddress(), to.getTag(), from.getAddress(), from.getTag(),
                contactOr(invite, from.getAddress().getURI()), recordRoutes(invite, false), callerHop,
                callerHop.getTransport(), 1);
    }

    /** Our {@code invite} was answered by {@code ok}: the callee is the peer, the route set is its Record-Route reversed. */
    static PeerDialog asCaller(Request invite, Response ok, Hop hop, String transport) {
        FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) ok.getHeader(ToHeader.NAME);
        long sent = ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber();
        return new PeerDialog(callId(invite), from.getAddress(), from.getTag(), to.getAddress(), to.getTag(),
                contactOr(ok, invite.getRequestURI()), recordRoutes(ok, true), hop, transport, sent + 1);
    }

    String callId() {
        return callId;
    }

    /** A new request inside the dialog (BYE, re-INVITE, INFO). */
    Request request(ProxyCore core, String method) throws Exception {
        return build(core, method, cseq.getAndIncrement());
    }

    /** The ACK of a 2xx to the INVITE with CSeq {@code inviteCseq}. */
    Request ack(ProxyCore core, long inviteCseq) throws Exception {
        return build(core, Request.ACK, inviteCseq);
    }

    Hop hop() {
        return hop;
    }

    private Request build(ProxyCore core, String method, long number) throws Exception {
        var headers = core.stack().headers();
        CSeqHeader seq = headers.createCSeqHeader(number, method);
        Request r = core.stack().messages().createRequest(target, method, headers.createCallIdHeader(callId), seq,
                headers.createFromHeader(local, localTag), headers.createToHeader(remote, remoteTag),
                new ArrayList<>(List.of(core.via(transport))), headers.createMaxForwardsHeader(70));
        for (Address a : routes) {
            r.addLast(headers.createRouteHeader(a));
        }
        return r;
    }

    private static String callId(Message m) {
        return ((CallIdHeader) m.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static URI contactOr(Message m, URI fallback) {
        ContactHeader c = (ContactHeader) m.getHeader(ContactHeader.NAME);
        return c != null && c.getAddress() != null ? c.getAddress().getURI() : fallback;
    }

    private static List<Address> recordRoutes(Message m, boolean reversed) {
        List<Address> out = new ArrayList<>();
        ListIterator<?> rr = m.getHeaders(RecordRouteHeader.NAME);
        while (rr != null && rr.hasNext()) {
            Address a = ((RecordRouteHeader) rr.next()).getAddress();
            if (reversed) {
                out.add(0, a);
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
