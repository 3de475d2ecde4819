package dev.sipyard.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.ServerRequestInterface;
import gov.nist.javax.sip.stack.ServerResponseInterface;
import java.util.Properties;
import javax.sip.PeerUnavailableException;
import javax.sip.TransactionState;
import javax.sip.message.Request;

/**
 * JAIN-SIP's stack with two corrections to how it matches messages to transactions.
 * <ul>
 * <li>A request reusing the branch of an ended server transaction (completed, confirmed or
 * terminated) with another method or CSeq number is a new request. The stock stack matches
 * server transactions by branch alone, so such a request was taken for a retransmission and
 * dropped until the old transaction left its table. ACK and CANCEL, which share their INVITE's
 * branch by design, are matched as before.</li>
 * <li>A response with an RFC 3261 branch that no client transaction has goes straight to the
 * listener (as the stock stack does in the end, for the proxy to relay a retransmitted 2xx).
 * The stock stack first compared it with every client transaction in its table: at a few hundred
 * calls per second that is thousands of comparisons per such response, and they come in floods
 * exactly when the server is behind (each late ACK makes the callee repeat its 200), so the
 * search deepened every backlog it met.</li>
 * </ul>
 */
final class CorrectedSipStack extends SipStackImpl {
    CorrectedSipStack(Properties properties) throws PeerUnavailableException {
        super(properties);
    }

    @Override
    public ServerRequestInterface newSIPServerRequest(SIPRequest request, MessageChannel channel) {
        String method = request.getMethod();
        if (!Request.ACK.equals(method) && !Request.CANCEL.equals(method) && request.getCSeq() != null) {
            String key = request.getTransactionId();
            SIPServerTransaction old = serverTransactionTable.get(key);
            if (old != null && ended(old.getState())
                    && (!method.equals(old.getMethod()) || old.getCSeq() != request.getCSeq().getSeqNumber())) {
                serverTransactionTable.remove(key, old);
            }
        }
        return super.newSIPServerRequest(request, channel);
    }

    @Override
    public ServerResponseInterface newSIPServerResponse(SIPResponse response, MessageChannel channel) {
        String key = response.getTransactionId();
        if (sipMessageValves.isEmpty() && key != null && key.startsWith(SIPConstants.BRANCH_MAGIC_COOKIE_LOWER_CASE)
                && findTransaction(key, false) == null) {
            return sipMessageFactory.newSIPServerResponse(response, channel);
        }
        return super.newSIPServerResponse(response, channel);
    }

    private static boolean ended(TransactionState state) {
        return state == TransactionState.COMPLETED || state == TransactionState.CONFIRMED
                || state == TransactionState.TERMINATED;
    }
}
