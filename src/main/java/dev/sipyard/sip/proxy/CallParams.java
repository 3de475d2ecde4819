package dev.sipyard.sip.proxy;

import gov.nist.javax.sip.header.SIPHeader;
import java.util.LinkedHashMap;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;

/**
 * The facts about a call that documents and callbacks are told (CALLS.md "cXML"): the standard
 * parameters, and for SIP callers the Sip* ones with each {@code X-} header.
 */
record CallParams(String callSid, String projectId, String from, String to, String callerName, String sipCallId,
                  String sourceIp, String sipDomain, Map<String, String> xHeaders) {

    private static final int MAX_X_HEADERS = 20;

    static CallParams of(Request invite, String callSid, String projectId, String from, String to, String sourceIp) {
        FromHeader f = (FromHeader) invite.getHeader(FromHeader.NAME);
        String domain = f.getAddress().getURI() instanceof SipURI u ? u.getHost() : null;
        Map<String, String> x = new LinkedHashMap<>();
        ListIterator<String> names = invite.getHeaderNames();
        while (names.hasNext() && x.size() < MAX_X_HEADERS) {
            String name = names.next();
            if (name.toLowerCase(Locale.ROOT).startsWith("x-")) {
                var h = invite.getHeader(name);
                if (h != null) {
                    String v = ((SIPHeader) h).getHeaderValue().trim();
                    x.put(name, v.length() > 256 ? v.substring(0, 256) : v);
                }
            }
        }
        return new CallParams(callSid, projectId, from, to, f.getAddress().getDisplayName(),
                ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(), sourceIp, domain, x);
    }

    /** The form fields of a cXML request, CallStatus {@code status}, plus {@code extra}. */
    Map<String, String> form(String status, Map<String, String> extra) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CallSid", callSid);
        m.put("AccountSid", projectId);
        m.put("ApiVersion", "2010-04-01");
        m.put("From", from);
        m.put("To", to);
        m.put("CallStatus", status);
        m.put("Direction", "inbound");
        m.put("CallerName", callerName == null ? "" : callerName);
        m.put("ParentCallSid", "");
        m.put("SipCallId", sipCallId);
        m.put("SipSourceIp", sourceIp);
        if (sipDomain != null) {
            m.put("SipDomain", sipDomain);
        }
        xHeaders.forEach((k, v) -> m.put("SipHeader_" + k, v));
        m.putAll(extra);
        return m;
    }

    /** The {@code call} object of a SWML request. */
    Map<String, Object> swmlCall() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("call_id", callSid);
        c.put("project_id", projectId);
        c.put("from", from);
        c.put("to", to);
        c.put("direction", "inbound");
        c.put("type", "sip");
        c.put("headers", xHeaders.entrySet().stream().map(e -> Map.of("name", e.getKey(), "value", e.getValue()))
                .toList());
        return c;
    }
}
