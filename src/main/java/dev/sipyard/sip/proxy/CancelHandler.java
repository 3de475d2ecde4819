package dev.sipyard.sip.proxy;

import dev.sipyard.sip.transport.RequestHandler;
import gov.nist.javax.sip.message.SIPRequest;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;

/** CANCEL of a call being set up: 200 to the CANCEL, the branches cancelled, 487 to the INVITE; else 481. */
final class CancelHandler implements RequestHandler {
    private final ProxyCore core;
    private final CallSessions sessions;

    CancelHandler(ProxyCore core, CallSessions sessions) {
        this.core = core;
        this.sessions = sessions;
    }

    @Override
    public void handle(RequestEvent event, SIPRequest request, String source) throws Exception {
        ServerTransaction st = core.replies().transaction(event);
        if (st == null) {
            return;
        }
        CallSession session = sessions.find(request);
        if (session == null || !session.cancel()) {
            st.sendResponse(core.replies().reply(request, 481, "Call/Transaction Does Not Exist"));
            return;
        }
        st.sendResponse(core.replies().reply(request, 200, "OK"));
    }
}
