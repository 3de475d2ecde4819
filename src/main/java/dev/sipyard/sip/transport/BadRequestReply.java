package dev.sipyard.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The short {@code 400 Bad Request} for a request JAIN-SIP cannot take: only the headers a client
 * needs to match it (every Via, From, To with a tag, Call-ID, CSeq), no body and no parser detail,
 * and never larger than the request, so that it cannot amplify traffic towards a forged source.
 * Nothing is answered to a response, an ACK, or a request missing any of those headers.
 */
final class BadRequestReply {
    private static final String STATUS = "SIP/2.0 400 Bad Request\r\n";

    private BadRequestReply() {}

    /**
     * The response bytes, or null when the request must not be answered.
     *
     * @param request      the request as received (its header block is read, the rest ignored)
     * @param requestBytes the size of the request on the wire
     */
    static byte[] forRequest(String request, int requestBytes) {
        RawHeaders h = RawHeaders.parse(headBlock(request));
        if (!h.isAnswerableRequest()) {
            return null;
        }
        List<String> vias = h.values("Via");
        List<String> from = h.values("From");
        List<String> to = h.values("To");
        List<String> callId = h.values("Call-ID");
        List<String> cseq = h.values("CSeq");
        if (vias.isEmpty() || from.isEmpty() || to.isEmpty() || callId.isEmpty() || cseq.isEmpty()) {
            return null;
        }
        StringBuilder r = new StringBuilder(STATUS);
        for (String via : vias) {
            r.append("Via: ").append(safe(via)).append("\r\n");
        }
        String toValue = safe(to.get(0));
        if (!toValue.toLowerCase(java.util.Locale.ROOT).contains(";tag=")) {
            toValue += ";tag=badreq";
        }
        r.append("From: ").append(safe(from.get(0))).append("\r\n");
        r.append("To: ").append(toValue).append("\r\n");
        r.append("Call-ID: ").append(safe(callId.get(0))).append("\r\n");
        r.append("CSeq: ").append(safe(cseq.get(0))).append("\r\n");
        r.append("Content-Length: 0\r\n\r\n");
        byte[] bytes = r.toString().getBytes(StandardCharsets.UTF_8);
        return bytes.length > requestBytes ? null : bytes;
    }

    /** The text before the first empty line (CRLF or bare LF), or all of it. */
    static String headBlock(String message) {
        int crlf = message.indexOf("\r\n\r\n");
        int lf = message.indexOf("\n\n");
        int end = crlf < 0 ? lf : lf < 0 ? crlf : Math.min(crlf, lf);
        return end < 0 ? message : message.substring(0, end);
    }

    /** A header value without control characters (they cannot start a new header line). */
    private static String safe(String value) {
        StringBuilder s = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c != 0x7f) {
                s.append(c);
            }
        }
        return s.toString();
    }
}
