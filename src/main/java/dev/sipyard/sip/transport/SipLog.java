package dev.sipyard.sip.transport;

import dev.sipyard.sip.registrar.RegisterRequest;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPTransaction;
import javax.sip.ClientTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One line per SIP transaction result on logger {@code dev.sipyard.sip.transactions}: method, final
 * status, transport, source address, the user (AOR) it was for, Call-ID and, for a call, its
 * CallSid. Never a header value: an Authorization's {@code response=} stays out.
 *
 * <p>Two directions: {@code "in"} for the final response this server gave to a request it received
 * ({@code source}, {@code user}), {@code "out"} for the final response (or the 408 of a timeout) to a
 * request this server sent in a client transaction: a proxied or bridged INVITE branch, a CANCEL or BYE
 * of its own, a relayed in-dialog request ({@code destination}, {@code target}: the Request-URI without
 * its password or parameters). An outgoing INVITE's result is INFO; the rest of what this server sends
 * is DEBUG, because each is the echo of something already on an INFO line (the caller's CANCEL or BYE,
 * the winning branch) and would double a busy server's lines.
 *
 * <p>Levels: what phones do all day (the 2xx of a REGISTER, an OPTIONS ping, an in-call INFO,
 * UPDATE, PRACK or NOTIFY, and the 401/407 challenge that starts every authentication) is DEBUG;
 * every call's INVITE, its CANCEL, its BYE and every other outcome (wrong password, unknown user, malformed) is
 * INFO, except the refusals a banned address gets, which are DEBUG so a flood cannot flood the log. The check of the level comes first, so a line
 * that is off costs no string and no allocation (the UDP REGISTER fast path relies on it).
 */
public final class SipLog {
    private static final Logger log = LoggerFactory.getLogger("dev.sipyard.sip.transactions");

    /** Methods whose success is routine: registration refreshes, keep-alive pings, in-call DTMF and updates. */
    private static final Set<String> ROUTINE_METHODS = Set.of("REGISTER", "OPTIONS", "INFO", "UPDATE", "PRACK",
            "NOTIFY");

    private SipLog() {}

    /** The level of a result: routine authentication and registration is DEBUG, the rest INFO. */
    static Level levelOf(String method, int status) {
        boolean routine = status == 401 || status == 407 || (status / 100 == 2 && ROUTINE_METHODS.contains(method));
        return routine ? Level.DEBUG : Level.INFO;
    }

    /** The level of the result of a request this server sent: an INVITE's is INFO, the rest DEBUG. */
    static Level outLevelOf(String method) {
        return "INVITE".equals(method) ? Level.INFO : Level.DEBUG;
    }

    /**
     * The final response (or timeout, 408) of a request this server sent in {@code ct}: method,
     * status, transport and the address it went to, its target without credentials, Call-ID, CallSid.
     *
     * @param callSid the call it was sent for, null when none
     */
    public static void sent(ClientTransaction ct, int status, String callSid) {
        Request request = ct.getRequest();
        if (request == null) {
            return;
        }
        String method = request.getMethod();
        Level level = outLevelOf(method);
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        String transport = null;
        String destination = null;
        if (ct instanceof SIPTransaction t) {
            transport = t.getTransport() == null ? null : t.getTransport().toUpperCase(java.util.Locale.ROOT);
            destination = t.getPeerPort() > 0 ? t.getPeerAddress() + ":" + t.getPeerPort() : t.getPeerAddress();
        }
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        String target = withoutCredentials(request.getRequestURI());
        log.atLevel(level).addKeyValue("direction", "out").addKeyValue("method", method)
                .addKeyValue("status", status).addKeyValue("transport", transport)
                .addKeyValue("destination", destination).addKeyValue("target", target)
                .addKeyValue("call_id", callId == null ? null : callId.getCallId()).addKeyValue("call_sid", callSid)
                .log("{} {} {} to {} target={} call_id={}{}", method, status, transport, destination, target,
                        callId == null ? null : callId.getCallId(), callSid == null ? "" : " call_sid=" + callSid);
    }

    /**
     * A SIP URI as {@code sip:user@host:port}: no password in its user part, no parameters or
     * headers (a gateway's URI may carry either); a tel: URI as it is; any other as its scheme alone.
     */
    static String withoutCredentials(URI uri) {
        if (uri == null) {
            return null;
        }
        if (uri instanceof javax.sip.address.TelURL) {
            return uri.toString();
        }
        if (!(uri instanceof SipURI sip)) {
            return uri.getScheme() + ":";
        }
        StringBuilder b = new StringBuilder(sip.isSecure() ? "sips:" : "sip:");
        if (sip.getUser() != null) {
            b.append(sip.getUser()).append('@');
        }
        b.append(sip.getHost());
        if (sip.getPort() > 0) {
            b.append(':').append(sip.getPort());
        }
        return b.toString();
    }

    /** A REGISTER's final status. */
    static void register(RegisterRequest r, int status) {
        Level level = levelOf("REGISTER", status);
        if (!log.isEnabledForLevel(level)) {
            return;
        }
        write(level, "REGISTER", status, r.transport(), r.sourceAddress(), r.sourcePort(),
                r.toUser() == null ? r.toHost() : r.toUser() + "@" + r.toHost(), r.callId(), null);
    }

    /**
     * A final response this server sent (or relayed) for a request.
     *
     * @param user    the AOR or user the request was for or from (null when unknown)
     * @param callSid the call's CallSid once it has one, else null
     */
    public static void result(String method, int status, String transport, String source, int sourcePort, String user,
                              String callId, String callSid) {
        Level level = levelOf(method, status);
        if (log.isEnabledForLevel(level)) {
            write(level, method, status, transport, source, sourcePort, user, callId, callSid);
        }
    }

    /** A final response of ours to {@code request}, before any handler looked at it (bans, versions, methods). */
    static void refused(SIPRequest request, int status, boolean banned) {
        Level level = banned ? Level.DEBUG : levelOf(request.getMethod(), status);
        if (log.isEnabledForLevel(level)) {
            CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
            write(level, request.getMethod(), status, SipReplies.transport(request), SipReplies.source(request),
                    request.getRemotePort(), null, callId == null ? null : callId.getCallId(), null);
        }
    }

    private static void write(Level level, String method, int status, String transport, String source, int sourcePort,
                              String user, String callId, String callSid) {
        String from = sourcePort > 0 ? source + ":" + sourcePort : source;
        log.atLevel(level).addKeyValue("direction", "in").addKeyValue("method", method)
                .addKeyValue("status", status).addKeyValue("transport", transport).addKeyValue("source", from).addKeyValue("user", user)
                .addKeyValue("call_id", callId).addKeyValue("call_sid", callSid)
                .log("{} {} {} from {} user={} call_id={}{}", method, status, transport, from,
                        user == null ? "-" : user, callId, callSid == null ? "" : " call_sid=" + callSid);
    }
}
