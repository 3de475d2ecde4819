package dev.sipyard.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPTransaction;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/** Builds our own responses and sends them, statelessly over UDP where that is enough. */
public final class SipReplies {
    private final SipStack stack;

    private final SipHash tags = SipHash.withRandomKey();

    public SipReplies(SipStack stack) {
        this.stack = stack;
    }

    /** A response of ours to {@code request}, with a To tag on final responses and a Server header. */
    public Response reply(Request request, int status, String reason) throws Exception {
        Response r = stack.messages().createResponse(status, request);
        r.setReasonPhrase(reason);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null && status > 100) {
            to.setTag(localTag(request));
        }
        r.addHeader(stack.headers().createServerHeader(List.of("sipyard")));
        return r;
    }

    /**
     * The To tag of our responses to requests of one Call-ID: a keyed hash of it, so that an ACK
     * can be told to be for a response this server sent ({@link #answeredHere}) without keeping
     * the transaction that sent it.
     */
    private String localTag(Request request) {
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        return "sy" + Long.toHexString(tags.hash(callId == null ? "" : callId.getCallId(), "", "", 0));
    }

    /** True when {@code request} (an ACK) is addressed to a response this server sent, by its To tag. */
    public boolean answeredHere(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && localTag(request).equals(to.getTag());
    }

    /** As {@link #reply}, with a {@code Reason} header saying why (RFC 3326). */
    public Response refusal(Request request, int status, String reason, String why) throws Exception {
        Response r = reply(request, status, reason);
        if (why != null) {
            r.addHeader(stack.headers().createHeader("Reason", reasonValue(status, why)));
        }
        return r;
    }

    /** A header of any name; a comma-separated value of a list header (Allow, Unsupported) is allowed. */
    public javax.sip.header.Header header(String name, String value) throws java.text.ParseException {
        return gov.nist.javax.sip.parser.StringMsgParser.parseSIPHeader(name + ": " + value + "\r\n");
    }

    /** {@code SIP ;cause=403 ;text="..."} with the text made safe for a quoted string. */
    public static String reasonValue(int status, String text) {
        StringBuilder safe = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                safe.append('\'');
            } else if (c >= 0x20 && c != 0x7f) {
                safe.append(c);
            }
        }
        return "SIP ;cause=" + status + " ;text=\"" + safe + "\"";
    }

    /** Sends a response to a request; statelessly over UDP when asked, else in a server transaction. */
    public void respond(RequestEvent event, Response response, boolean statelessOnUdp) throws Exception {
        if (statelessOnUdp && "UDP".equals(transport((SIPRequest) event.getRequest()))) {
            stack.provider().sendResponse(response);
            return;
        }
        ServerTransaction st = transaction(event);
        if (st != null) {
            st.sendResponse(response);
        }
    }

    /** The request's server transaction, made now if needed; null for a retransmission already in hand. */
    public ServerTransaction transaction(RequestEvent event) throws Exception {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return stack.provider().getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        }
    }

    /** UDP, TCP, TLS, WS or WSS: how the request arrived. */
    public static String transport(SIPRequest request) {
        if (request.getTransaction() instanceof SIPTransaction t && t.getTransport() != null) {
            return t.getTransport().toUpperCase(Locale.ROOT);
        }
        var via = request.getTopmostVia();
        return via == null ? "UDP" : via.getTransport().toUpperCase(Locale.ROOT);
    }

    /** The address the request came from. */
    public static String source(SIPRequest request) {
        InetAddress a = request.getRemoteAddress();
        if (a == null) {
            a = request.getPeerPacketSourceAddress();
        }
        return a == null ? "" : a.getHostAddress();
    }
}
