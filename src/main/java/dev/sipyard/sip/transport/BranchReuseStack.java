package dev.sipyard.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.ServerRequestInterface;
import java.util.Properties;
import javax.sip.PeerUnavailableException;
import javax.sip.TransactionState;
import javax.sip.message.Request;

/**
 * JAIN-SIP's stack, except that a request reusing the branch of an ended server transaction
 * (completed, confirmed or terminated) with another method or CSeq number is a new request. The
 * stock stack matches server transactions by branch alone, so such a request was taken for a
 * retransmission and dropped until the old transaction left its table. ACK and CANCEL, which
 * share their INVITE's branch by design, are matched as before.
 */
final class BranchReuseStack extends SipStackImpl {
    BranchReuseStack(Properties properties) throws PeerUnavailableException {
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

    private static boolean ended(TransactionState state) {
        return state == TransactionState.COMPLETED || state == TransactionState.CONFIRMED
                || state == TransactionState.TERMINATED;
    }
}
