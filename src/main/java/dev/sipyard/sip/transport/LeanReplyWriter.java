package dev.sipyard.sip.transport;

import dev.sipyard.location.Binding;
import dev.sipyard.sip.auth.DigestVerifier;
import dev.sipyard.sip.registrar.RegisterReply;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the response to a {@link LeanRegister}: the request's Via (the top one stamped with
 * {@code received} and {@code rport} as JAIN-SIP stamps it), From, To (with a tag of ours),
 * Call-ID and CSeq, then Server, the challenges, Min-Expires, one Contact per binding with its
 * remaining expiry, Date on a 200, and Content-Length 0. Bytes, ready to send.
 *
 * <p>What is kept to answer a retransmission is only what the request cannot give again: the status
 * line and what follows the copied headers; for a 401 only the nonce and which of a few shapes of
 * challenge it fills ({@link ChallengeShapes}), about 50 bytes where the whole response is 700. The
 * To tag is derived from the transaction's key, so the rewritten response carries the same one.
 */
final class LeanReplyWriter {
    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String NO_BODY = "Content-Length: 0\r\n\r\n";
    private static final byte PLAIN = 0;
    private static final byte CHALLENGE = 1;

    /** The Date value of the current second, formatted once per second. */
    private record DateLine(long second, String text) {}

    /** A response ready to send, and what {@link #rewrite} needs to send it again. */
    record Written(byte[] wire, byte[] kept) {}

    private volatile DateLine date = new DateLine(-1, "");
    private final ChallengeShapes shapes = new ChallengeShapes();

    /** {@code transaction}: the request's key in {@link KeptAnswers}, from which the To tag is made. */
    Written write(LeanRegister r, RegisterReply reply, String sourceAddress, int sourcePort, long nowMillis,
                  long transaction) {
        String status = statusLine(reply.status(), reply.reason());
        StringBuilder tail = new StringBuilder(reply.challenges().size() * 160 + 96);
        for (String c : reply.challenges()) {
            tail.append("WWW-Authenticate: ").append(c).append("\r\n");
        }
        if (reply.minExpires() != null) {
            tail.append("Min-Expires: ").append(reply.minExpires()).append("\r\n");
        }
        if (reply.retryAfter() != null) {
            tail.append("Retry-After: ").append(reply.retryAfter()).append("\r\n");
        }
        for (Binding b : reply.bindings()) {
            tail.append("Contact: <").append(b.contactUri()).append(">;expires=").append(reply.remainingSeconds(b))
                    .append("\r\n");
        }
        if (reply.status() == 200) {
            tail.append("Date: ").append(date(nowMillis)).append("\r\n");
        }
        tail.append(NO_BODY);
        String answer = status + tail;
        byte[] kept = reply.challenge() != null ? keptChallenge(answer, reply.challenge()) : null;
        return new Written(wire(r, answer, status.length(), sourceAddress, sourcePort, transaction),
                kept != null ? kept : keptPlain(answer));
    }

    /** A response with only a status line and the copied headers (a 500 of ours). */
    Written write(LeanRegister r, int status, String reason, String sourceAddress, int sourcePort, long transaction) {
        String statusLine = statusLine(status, reason);
        String answer = statusLine + NO_BODY;
        return new Written(wire(r, answer, statusLine.length(), sourceAddress, sourcePort, transaction),
                keptPlain(answer));
    }

    /** The response {@code kept} came from, written again for a retransmission of its request. */
    byte[] rewrite(LeanRegister r, byte[] kept, String sourceAddress, int sourcePort, long transaction) {
        String answer;
        if (kept[0] == CHALLENGE) {
            int shape = (kept[1] & 0xff) << 24 | (kept[2] & 0xff) << 16 | (kept[3] & 0xff) << 8 | (kept[4] & 0xff);
            answer = shapes.fill(shape, new String(kept, 5, kept.length - 5, StandardCharsets.ISO_8859_1));
        } else {
            answer = new String(kept, 1, kept.length - 1, StandardCharsets.ISO_8859_1);
        }
        return wire(r, answer, answer.indexOf("\r\n") + 2, sourceAddress, sourcePort, transaction);
    }

    private static String statusLine(int status, String reason) {
        return "SIP/2.0 " + status + ' ' + reason + "\r\n";
    }

    private static byte[] wire(LeanRegister r, String answer, int statusLength, String sourceAddress, int sourcePort,
                               long transaction) {
        StringBuilder s = new StringBuilder(answer.length() + 384);
        s.append(answer, 0, statusLength);
        head(s, r, sourceAddress, sourcePort, transaction);
        s.append(answer, statusLength, answer.length());
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] keptPlain(String answer) {
        byte[] kept = new byte[answer.length() + 1];
        kept[0] = PLAIN;
        latin1(answer, kept, 1);
        return kept;
    }

    /** The kept form of a 401: its shape and its nonce; null when it cannot be kept that way. */
    private byte[] keptChallenge(String answer, DigestVerifier.Verdict.Challenge challenge) {
        String nonce = challenge.nonce();
        int shape = shapes.idOf(challenge.kind(), answer, nonce);
        if (shape < 0) {
            return null;
        }
        byte[] kept = new byte[5 + nonce.length()];
        kept[0] = CHALLENGE;
        kept[1] = (byte) (shape >>> 24);
        kept[2] = (byte) (shape >>> 16);
        kept[3] = (byte) (shape >>> 8);
        kept[4] = (byte) shape;
        latin1(nonce, kept, 5);
        return kept;
    }

    /** Every char of a response is ISO-8859-1: the parser read the request's bytes as such. */
    private static void latin1(String s, byte[] into, int at) {
        for (int i = 0; i < s.length(); i++) {
            into[at + i] = (byte) s.charAt(i);
        }
    }

    private static void head(StringBuilder s, LeanRegister r, String sourceAddress, int sourcePort, long transaction) {
        for (int i = 0; i < r.vias().size(); i++) {
            s.append("Via: ").append(i == 0 ? stampedVia(r.vias().get(0), r.viaHost(), r.viaRport(), sourceAddress, sourcePort) : r.vias().get(i))
                    .append("\r\n");
        }
        s.append("From: ").append(r.from()).append("\r\n");
        s.append("To: ").append(r.to());
        if (!r.toTagged()) {
            s.append(";tag=").append(Long.toHexString(transaction));
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
