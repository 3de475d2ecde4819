package dev.sipyard.sip.transport;

import dev.sipyard.location.Binding;
import dev.sipyard.sip.registrar.RegisterReply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes the response to a {@link LeanRegister}: the request's Via (the top one stamped with
 * {@code received} and {@code rport} as JAIN-SIP stamps it), From, To (with a tag of ours),
 * Call-ID and CSeq, then Server, the challenges, Min-Expires, one Contact per binding with its
 * remaining expiry, Date on a 200, and Content-Length 0. Bytes, ready to send.
 */
final class LeanReplyWriter {
    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** The Date value of the current second, formatted once per second. */
    private record DateLine(long second, String text) {}

    private volatile DateLine date = new DateLine(-1, "");

    byte[] write(LeanRegister r, RegisterReply reply, String sourceAddress, int sourcePort, long nowMillis) {
        StringBuilder s = new StringBuilder(512);
        s.append("SIP/2.0 ").append(reply.status()).append(' ').append(reply.reason()).append("\r\n");
        head(s, r, sourceAddress, sourcePort);
        for (String c : reply.challenges()) {
            s.append("WWW-Authenticate: ").append(c).append("\r\n");
        }
        if (reply.minExpires() != null) {
            s.append("Min-Expires: ").append(reply.minExpires()).append("\r\n");
        }
        if (reply.retryAfter() != null) {
            s.append("Retry-After: ").append(reply.retryAfter()).append("\r\n");
        }
        for (Binding b : reply.bindings()) {
            s.append("Contact: <").append(b.contactUri()).append(">;expires=").append(reply.remainingSeconds(b))
                    .append("\r\n");
        }
        if (reply.status() == 200) {
            s.append("Date: ").append(date(nowMillis)).append("\r\n");
        }
        s.append("Content-Length: 0\r\n\r\n");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A response with only a status line and the copied headers (a 500 of ours). */
    byte[] write(LeanRegister r, int status, String reason, String sourceAddress, int sourcePort) {
        StringBuilder s = new StringBuilder(384);
        s.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        head(s, r, sourceAddress, sourcePort);
        s.append("Content-Length: 0\r\n\r\n");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void head(StringBuilder s, LeanRegister r, String sourceAddress, int sourcePort) {
        for (int i = 0; i < r.vias().size(); i++) {
            s.append("Via: ").append(i == 0 ? stampedVia(r.vias().get(0), r.viaHost(), r.viaRport(), sourceAddress, sourcePort) : r.vias().get(i))
                    .append("\r\n");
        }
        s.append("From: ").append(r.from()).append("\r\n");
        s.append("To: ").append(r.to());
        if (!r.toTagged()) {
            s.append(";tag=").append(Long.toHexString(ThreadLocalRandom.current().nextLong()));
        }
        s.append("\r\n");
        s.append("Call-ID: ").append(r.callId()).append("\r\n");
        s.append("CSeq: ").append(r.cseq()).append(" REGISTER\r\n");
        s.append("Server: sipyard\r\n");
    }

    /**
     * The top Via stamped as JAIN-SIP stamps it on receipt: with an {@code rport} parameter
     * (RFC 3581), {@code rport} gets the source port and {@code received} the source address;
     * without one, {@code received} is added when the sent-by host is not the source address.
     */
    static String stampedVia(String via, String viaHost, boolean rport, String sourceAddress, int sourcePort) {
        if (!rport && viaHost.equals(sourceAddress)) {
            return via;
        }
        StringBuilder out = new StringBuilder(via.length() + 40);
        int semi = via.indexOf(';');
        out.append(via, 0, semi < 0 ? via.length() : semi);
        if (semi >= 0) {
            for (String p : via.substring(semi + 1).split(";")) {
                String param = p.strip();
                int eq = param.indexOf('=');
                String key = (eq < 0 ? param : param.substring(0, eq)).strip();
                if (key.equalsIgnoreCase("rport")) {
                    out.append(";rport=").append(sourcePort);
                } else if (!key.equalsIgnoreCase("received")) {
                    out.append(';').append(param);
                }
            }
        }
        out.append(";received=").append(sourceAddress);
        return out.toString();
    }

    private String date(long nowMillis) {
        long second = nowMillis / 1000;
        DateLine d = date;
        if (d.second() != second) {
            d = new DateLine(second, DATE.format(Instant.ofEpochSecond(second)));
            date = d;
        }
        return d.text();
    }
}
