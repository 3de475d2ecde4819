package dev.sipyard.sip.transport;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listener of the stack: checks what every request must pass (ban, SIP version,
 * extensions it requires), reads a missing Max-Forwards as 70, and hands it to the handler of its method; requests inside a dialog
 * (To tag) go to the in-dialog handler whatever their method. Responses and timeouts of
 * requests this node sent go to the client-event handler. While the node drains, new work (any
 * request outside a dialog but a CANCEL or ACK) gets 503 with Retry-After, so that the phone tries
 * another server (RFC 3261 §21.5.4, RFC 3263 §4.3); requests inside calls are still served.
 */
public final class SipDispatcher implements SipListener {
    private static final Logger log = LoggerFactory.getLogger(SipDispatcher.class);
    /** Retry-After of a draining node's 503, in seconds: about the time an upgraded node takes to come back. */
    static final int DRAINING_RETRY_AFTER = 30;

    private final SipReplies replies;
    private final Predicate<String> banned;
    private final Map<String, RequestHandler> byMethod;
    private final RequestHandler inDialog;
    private final RequestHandler ack;
    private final ClientEventHandler clientEvents;
    private final String allow;
    private final BooleanSupplier draining;

    /**
     * @param byMethod     handlers of out-of-dialog requests by method; others get 501
     * @param inDialog     handler of requests with a To tag (BYE, re-INVITE, INFO, ...)
     * @param ack          handler of ACKs that reach the listener (those for 2xx responses)
     * @param draining     true while the node drains: new work is refused with 503
     */
    public SipDispatcher(SipReplies replies, Predicate<String> banned, Map<String, RequestHandler> byMethod,
                         RequestHandler inDialog, RequestHandler ack, ClientEventHandler clientEvents,
                         BooleanSupplier draining) {
        this.replies = replies;
        this.banned = banned;
        this.byMethod = Map.copyOf(byMethod);
        this.inDialog = inDialog;
        this.ack = ack;
        this.clientEvents = clientEvents;
        this.draining = draining;
        List<String> methods = new ArrayList<>(byMethod.keySet());
        methods.addAll(List.of("ACK", "BYE", "INFO", "UPDATE", "PRACK", "REFER", "NOTIFY"));
        this.allow = String.join(", ", methods.stream().distinct().sorted().toList());
    }

    /** A call another node relays here for a phone whose connection is here: it still rings while this node drains. */
    private static boolean relayedHere(Request request, String method) {
        return Request.INVITE.equals(method) && request.getHeader(SipHeaders.NODE_RELAY) != null;
    }

    /** The methods this server accepts, for Allow headers. */
    public String allow() {
        return allow;
    }

    @Override
    public void processRequest(RequestEvent event) {
        SIPRequest request = (SIPRequest) event.getRequest();
        String method = request.getMethod();
        try {
            String source = SipReplies.source(request);
            boolean isAck = Request.ACK.equals(method);
            if (banned.test(source)) {
                if (!isAck) {
                    replies.respond(event, replies.reply(request, 403, "Forbidden"), true);
                    SipLog.refused(request, 403, true);
                }
                return;
            }
            if (!"SIP/2.0".equalsIgnoreCase(request.getSIPVersion())) {
                if (!isAck) {
                    replies.respond(event, replies.reply(request, 505, "Version Not Supported"), true);
                    SipLog.refused(request, 505, false);
                }
                return;
            }
            if (request.getHeader(MaxForwardsHeader.NAME) == null) {
                // RFC 3261 §8.1.1.6 makes it mandatory, but a missing one is read as 70 (the proxy's
                // rule); JAIN-SIP refuses to make a server transaction without it.
                request.setHeader(replies.header(MaxForwardsHeader.NAME, "70"));
            }
            if (isAck) {
                ack.handle(event, request, source);
                return;
            }
            if (Request.CANCEL.equals(method)) {
                byMethod.get(Request.CANCEL).handle(event, request, source);
                return;
            }
            ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
            boolean dialog = to != null && to.getTag() != null && !Request.REGISTER.equals(method);
            if (!dialog && draining.getAsBoolean() && !relayedHere(request, method)) {
                Response r = replies.reply(request, 503, "Service Unavailable");
                r.addHeader(replies.header("Retry-After", String.valueOf(DRAINING_RETRY_AFTER)));
                replies.respond(event, r, true);
                SipLog.refused(request, 503, false);
                return;
            }
            List<String> unsupported = unsupportedExtensions(request, dialog || Request.INVITE.equals(method));
            if (!unsupported.isEmpty()) {
                Response r = replies.reply(request, 420, "Bad Extension");
                r.addHeader(replies.header("Unsupported", String.join(", ", unsupported)));
                replies.respond(event, r, true);
                SipLog.refused(request, 420, false);
                return;
            }
            if (dialog) {
                inDialog.handle(event, request, source);
                return;
            }
            RequestHandler handler = byMethod.get(method);
            if (handler == null) {
                Response r = replies.reply(request, 501, "Not Implemented");
                r.addHeader(replies.header("Allow", allow));
                replies.respond(event, r, true);
                SipLog.refused(request, 501, false);
                return;
            }
            handler.handle(event, request, source);
        } catch (Exception e) {
            log.warn("SIP {} from {} could not be answered: {}", method, request.getRemoteAddress(), e.toString());
        }
    }

    /**
     * Option tags a request requires that we do not support. We support none; a request we
     * proxy is judged by Proxy-Require only (Require is for the far end, RFC 3261 §16.3).
     */
    private static List<String> unsupportedExtensions(SIPRequest request, boolean proxied) {
        List<String> tags = new ArrayList<>();
        for (String header : proxied ? List.of("Proxy-Require") : List.of("Require", "Proxy-Require")) {
            for (String value : SipHeaders.values(request, header)) {
                for (String tag : value.split(",")) {
                    if (!tag.isBlank()) {
                        tags.add(tag.trim());
                    }
                }
            }
        }
        return tags;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        try {
            clientEvents.response(event);
        } catch (RuntimeException e) {
            log.warn("SIP response {} could not be handled: {}", event.getResponse().getStatusCode(), e.toString());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        try {
            clientEvents.timeout(event);
        } catch (RuntimeException e) {
            log.warn("SIP timeout could not be handled: {}", e.toString());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.debug("SIP I/O error towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}
}
