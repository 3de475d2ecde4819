package dev.sipyard.sip.proxy;

import gov.nist.javax.sip.message.SIPRequest;
import java.util.concurrent.ConcurrentHashMap;
import javax.sip.ServerTransaction;

/**
 * Dialogs this server is a party to rather than a proxy of (calls its media engine answered, and
 * the legs it placed to bridge them), by Call-ID: their requests are answered here, not relayed.
 */
final class LocalDialogs {
    /** One side of a call that ends at this server. */
    interface Dialog {
        /** The CallSid of the call this dialog belongs to, for the log lines of its requests. */
        String callSid();

        /** Answers a request of the dialog; returns the final status sent. */
        int request(ServerTransaction st, SIPRequest request) throws Exception;

        void ack(SIPRequest request);
    }

    private final ConcurrentHashMap<String, Dialog> byCallId = new ConcurrentHashMap<>();

    void add(String callId, Dialog dialog) {
        byCallId.put(callId, dialog);
    }

    Dialog find(String callId) {
        return byCallId.get(callId);
    }

    void remove(String callId, Dialog dialog) {
        byCallId.remove(callId, dialog);
    }

    int size() {
        return byCallId.size();
    }

    /** Every dialog now (a copy). */
    java.util.List<Dialog> all() {
        return java.util.List.copyOf(byCallId.values());
    }
}
