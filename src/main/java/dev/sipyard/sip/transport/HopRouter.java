package dev.sipyard.sip.transport;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.stack.DefaultRouter;
import javax.sip.SipException;
import javax.sip.SipStack;
import javax.sip.address.Hop;
import javax.sip.message.Request;

/**
 * The stack's router: a request the proxy has pinned to a hop (a binding's source address and
 * transport, so a phone behind NAT or on a TCP/TLS/WebSocket connection is reached where it
 * registered from) goes there; anything else is routed by Route and Request-URI as usual.
 */
public final class HopRouter extends DefaultRouter {

    public HopRouter(SipStack stack, String outboundProxy) {
        super(stack, outboundProxy);
    }

    /** Pins {@code request} to {@code hop}: the stack sends it there whatever its URIs say. */
    public static void pin(Request request, Hop hop) {
        ((SIPMessage) request).setApplicationData(hop);
    }

    @Override
    public Hop getNextHop(Request request) throws SipException {
        if (request instanceof SIPMessage m && m.getApplicationData() instanceof Hop hop) {
            return hop;
        }
        return super.getNextHop(request);
    }
}
