package dev.sipyard.sip.transport;

import gov.nist.javax.sip.header.SIPHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.Header;
import javax.sip.message.Message;

/** Reading header values off JAIN-SIP messages. */
public final class SipHeaders {
    /** The header of an INVITE one node relays to another for a phone whose connection lives there (NodeRelays). */
    public static final String NODE_RELAY = "Sipyard-Relay";

    private SipHeaders() {}

    /** Every value of the header {@code name}, in order. */
    public static List<String> values(Message m, String name) {
        List<String> out = new ArrayList<>();
        ListIterator<?> it = m.getHeaders(name);
        while (it != null && it.hasNext()) {
            out.add(((SIPHeader) it.next()).getHeaderValue());
        }
        return out;
    }

    /** The trimmed value of the first header {@code name}, or null. */
    public static String first(Message m, String name) {
        Header h = m.getHeader(name);
        return h == null ? null : ((SIPHeader) h).getHeaderValue().trim();
    }
}
