package dev.sipyard.sip.proxy;

import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's branches: copies of the caller's INVITE (Record-Routed, with the From a PSTN leg
 * presents), whose provisional responses and 2xx go back to the caller as they come.
 */
final class ProxiedBranches implements Fork.Upstream {
    private static final Logger log = LoggerFactory.getLogger(ProxiedBranches.class);

    private final ProxyCore core;
    private final ServerTransaction caller;
    private final Request original;
    private final String callerTransport;

    ProxiedBranches(ProxyCore core, ServerTransaction caller, Request original, String callerTransport) {
        this.core = core;
        this.caller = caller;
        this.original = original;
        this.callerTransport = callerTransport;
    }

    @Override
    public String defaultTransport() {
        return callerTransport;
    }

    @Override
    public Request branch(Fork.Target t, String transport) throws Exception {
        Request out = core.forwardCopy(original, transport);
        out.setRequestURI(core.stack().addresses().createURI(t.requestUri()));
        out.removeHeader("Proxy-Authorization");
        core.recordRoute(out, callerTransport, transport);
        present(out, t);
        return out;
    }

    /** Sets the From user and display name a PSTN leg presents (the tag stays, so the dialog still matches). */
    private void present(Request out, Fork.Target t) throws Exception {
        if (t.fromUser() == null && t.displayName() == null) {
            return;
        }
        FromHeader from = (FromHeader) out.getHeader(FromHeader.NAME);
        String tag = from.getTag();
        SipURI uri = (SipURI) from.getAddress().getURI().clone();
        if (t.fromUser() != null) {
            uri.setUser(t.fromUser());
        }
        Address a = core.stack().addresses().createAddress(uri);
        if (t.displayName() != null) {
            a.setDisplayName(t.displayName());
        } else if (from.getAddress().getDisplayName() != null) {
            a.setDisplayName(from.getAddress().getDisplayName());
        }
        out.setHeader(core.stack().headers().createFromHeader(a, tag));
    }

    @Override
    public void provisional(Response response) {
        sendUpstream(response);
    }

    @Override
    public void answered(ClientTransaction ct, Response response) {
        sendUpstream(response);
    }

    /** Every 2xx goes to the caller (RFC 3261 §16.7 step 5). */
    @Override
    public void lateAnswer(ClientTransaction ct, Response response) {
        try {
            core.stack().provider().sendResponse(response);
        } catch (Exception e) {
            log.debug("late 2xx not relayed: {}", e.toString());
        }
    }

    private void sendUpstream(Response response) {
        try {
            caller.sendResponse(response);
        } catch (Exception e) {
            log.debug("{} not relayed to the caller: {}", response.getStatusCode(), e.toString());
        }
    }
}
