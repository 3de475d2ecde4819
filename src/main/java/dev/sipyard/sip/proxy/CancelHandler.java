package dev.sipyard.sip.proxy;

import dev.sipyard.sip.transport.RequestHandler;
import dev.sipyard.sip.transport.SipLog;
import dev.sipyard.sip.transport.SipReplies;
import gov.nist.javax.sip.message.SIPRequest;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;

/**
 * CANCEL of a call being set up: 200 to the CANCEL, the branches cancelled, 487 to the INVITE; else
 * 481. Either result gets its log line, with the call's CallSid when one matched.
 */
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
        CallSessions.Pending session = sessions.find(request);
        boolean cancelled = session != null && session.cancel();
        int status = cancelled ? 200 : 481;
        st.sendResponse(cancelled ? core.replies().reply(request, 200, "OK")
                : core.replies().reply(request, 481, "Call/Transaction Does Not Exist"));
        SipLog.result("CANCEL", status, SipReplies.transport(request), source, request.getRemotePort(),
                InviteHandler.callerOf(request), request.getCallId().getCallId(),
                session == null ? null : session.callSid());
    }
}
