package dev.sipyard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * A test phone that places and takes calls over one socket (the one it registered from): builds
 * INVITE, ACK, CANCEL, BYE and in-dialog requests by hand, answers the proxy's 407, and answers
 * incoming requests. Written from RFC 3261, independently of the server's code.
 */
public final class SipAgent {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final SipPhone phone;
    private final SipTestClient client;
    private final LinkedList<SipMsg> inbox = new LinkedList<>();
    private String offer = SDP;
    private String answer = SDP;

    public SipAgent(SipPhone phone) {
        this.phone = phone;
        this.client = phone.client();
    }

    /** The body of the INVITEs this phone sends from now on (malformed SDP, for one). */
    public SipAgent offer(String body) {
        this.offer = body;
        return this;
    }

    /** The SDP of the 2xx this phone answers calls with from now on. */
    public SipAgent answerWith(String body) {
        this.answer = body;
        return this;
    }

    public SipPhone phone() {
        return phone;
    }

    public String contact() {
        return "<sip:" + phone.user() + "@" + client.localAddress() + ":" + client.localPort() + ";transport="
                + client.transport().toLowerCase(Locale.ROOT) + ">";
    }

    public void register() {
        SipResponse r = phone.register(600);
        if (r == null || r.status() != 200) {
            throw new AssertionError("registration of " + phone.user() + " failed: " + r);
        }
    }

    /** The first message matching {@code p} within the timeout (others stay for later), or null. */
    public synchronized SipMsg await(Predicate<SipMsg> p, int timeoutMillis) {
        for (Iterator<SipMsg> it = inbox.iterator(); it.hasNext(); ) {
            SipMsg m = it.next();
            if (p.test(m)) {
                it.remove();
                return m;
            }
        }
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            String raw = client.receiveRaw((int) Math.max(1, deadline - System.currentTimeMillis()));
            if (raw == null) {
                return null;
            }
            if (raw.isBlank()) {
                continue;
            }
            SipMsg m = SipMsg.parse(raw);
            if (p.test(m)) {
                return m;
            }
            inbox.add(m);
        }
        return null;
    }

    /** The next request of {@code method}, or null. */
    public SipMsg awaitRequest(String method, int timeoutMillis) {
        return await(m -> method.equals(m.method()), timeoutMillis);
    }

    /** True when no request of {@code method} arrives within the time. */
    public boolean quietFor(String method, int millis) {
        return awaitRequest(method, millis) == null;
    }

    public void send(String raw) {
        client.sendRaw(raw.getBytes(StandardCharsets.UTF_8));
    }

    private String via(String branch) {
        return "Via: SIP/2.0/" + client.transport() + " " + client.localAddress() + ":" + client.localPort()
                + ";branch=" + branch + ";rport\r\n";
    }

    private static String branch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static String tag() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    // ----- placing calls -----

    /** Places a call to {@code target} (a user in this phone's domain, or a full sip: URI), answering the 407. */
    public Call call(String target) {
        return call(target, true, List.of());
    }

    public Call call(String target, boolean authenticate, List<String> extraHeaders) {
        String uri = target.startsWith("sip:") ? target : "sip:" + target + "@" + phone.domain();
        Call c = new Call(uri, UUID.randomUUID() + "@agent", tag(), extraHeaders);
        c.sendInvite(null);
        if (!authenticate) {
            return c;
        }
        SipMsg first = c.awaitFinal(5000);
        if (first == null || first.status() != 407) {
            c.early = first;
            return c;
        }
        String challenge = null;
        for (String v : first.all("Proxy-Authenticate")) {
            if (SipPhone.params(v).getOrDefault("algorithm", "MD5").equalsIgnoreCase(phone.algorithm())) {
                challenge = v;
            }
        }
        if (challenge == null) {
            throw new AssertionError("no " + phone.algorithm() + " challenge in " + first.raw());
        }
        c.sendInvite(phone.authorizationFor(challenge, 1, uri, "INVITE"));
        return c;
    }

    /** One call this phone placed: its INVITE transaction and, once answered, its dialog. */
    public final class Call {
        public final String uri;
        public final String callId;
        final String fromTag;
        final List<String> extraHeaders;
        long cseq = 1;
        long inviteCseq;
        String inviteBranch;
        String toHeader;
        String remoteTarget;
        List<String> routeSet = List.of();
        String lastAck;
        String lastRequest;
        SipMsg early;
        public final List<SipMsg> provisionals = new ArrayList<>();

        Call(String uri, String callId, String fromTag, List<String> extraHeaders) {
            this.uri = uri;
            this.callId = callId;
            this.fromTag = fromTag;
            this.extraHeaders = extraHeaders;
        }

        private String from() {
            return "From: <sip:" + phone.user() + "@" + phone.domain() + ">;tag=" + fromTag + "\r\n";
        }

        void sendInvite(String proxyAuthorization) {
            inviteBranch = branch();
            inviteCseq = cseq++;
            StringBuilder m = new StringBuilder("INVITE " + uri + " SIP/2.0\r\n");
            m.append(via(inviteBranch)).append("Max-Forwards: 70\r\n").append(from());
            m.append("To: <").append(uri).append(">\r\n");
            m.append("Call-ID: ").append(callId).append("\r\nCSeq: ").append(inviteCseq).append(" INVITE\r\n");
            m.append("Contact: ").append(contact()).append("\r\n");
            if (proxyAuthorization != null) {
                m.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
            }
            for (String h : extraHeaders) {
                m.append(h).append("\r\n");
            }
            m.append("User-Agent: sipyard-test-agent\r\nContent-Type: application/sdp\r\n");
            m.append("Content-Length: ").append(offer.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
                    .append(offer);
            send(m.toString());
        }

        private boolean forInvite(SipMsg m) {
            return !m.isRequest() && callId.equals(m.callId()) && "INVITE".equals(m.cseqMethod())
                    && m.first("CSeq").trim().startsWith(inviteCseq + " ");
        }

        /** The final response to the INVITE (provisional ones are kept); a non-2xx is ACKed. */
        public SipMsg awaitFinal(int timeoutMillis) {
            if (early != null) {
                SipMsg e = early;
                early = null;
                return e;
            }
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (true) {
                SipMsg m = await(this::forInvite, (int) Math.max(1, deadline - System.currentTimeMillis()));
                if (m == null) {
                    return null;
                }
                if (m.status() < 200) {
                    provisionals.add(m);
                    continue;
                }
                toHeader = m.first("To");
                if (m.status() >= 300) {
                    ackNon2xx(m);
                } else {
                    remoteTarget = SipMsg.uriOf(m.first("Contact"));
                    List<String> rr = new ArrayList<>(m.all("Record-Route"));
                    Collections.reverse(rr);
                    routeSet = rr;
                }
                return m;
            }
        }

        /** The first provisional response with this status, or null. */
        public SipMsg awaitProvisional(int status, int timeoutMillis) {
            for (SipMsg p : provisionals) {
                if (p.status() == status) {
                    return p;
                }
            }
            SipMsg m = await(x -> forInvite(x) && x.status() == status, timeoutMillis);
            if (m != null) {
                provisionals.add(m);
            }
            return m;
        }

        private void ackNon2xx(SipMsg response) {
            StringBuilder m = new StringBuilder("ACK " + uri + " SIP/2.0\r\n");
            m.append(via(inviteBranch)).append("Max-Forwards: 70\r\n").append(from());
            m.append("To: ").append(response.first("To")).append("\r\n");
            m.append("Call-ID: ").append(callId).append("\r\nCSeq: ").append(inviteCseq).append(" ACK\r\n");
            m.append("Content-Length: 0\r\n\r\n");
            send(m.toString());
        }

        public void cancel() {
            StringBuilder m = new StringBuilder("CANCEL " + uri + " SIP/2.0\r\n");
            m.append(via(inviteBranch)).append("Max-Forwards: 70\r\n").append(from());
            m.append("To: <").append(uri).append(">\r\n");
            m.append("Call-ID: ").append(callId).append("\r\nCSeq: ").append(inviteCseq).append(" CANCEL\r\n");
            m.append("Content-Length: 0\r\n\r\n");
            send(m.toString());
        }

        /** The response to the CANCEL itself. */
        public SipMsg awaitCancelResponse(int timeoutMillis) {
            return await(x -> !x.isRequest() && callId.equals(x.callId()) && "CANCEL".equals(x.cseqMethod()),
                    timeoutMillis);
        }

        private String inDialog(String method, long n, String branch, String body) {
            return inDialog(method, n, branch, "application/sdp", body);
        }

        private String inDialog(String method, long n, String branch, String contentType, String body) {
            String target = remoteTarget;
            StringBuilder m = new StringBuilder(method + " " + target + " SIP/2.0\r\n");
            m.append(via(branch)).append("Max-Forwards: 70\r\n").append(from());
            m.append("To: ").append(toHeader).append("\r\n");
            m.append("Call-ID: ").append(callId).append("\r\nCSeq: ").append(n).append(' ').append(method)
                    .append("\r\n");
            for (String r : routeSet) {
                m.append("Route: ").append(r).append("\r\n");
            }
            m.append("Contact: ").append(contact()).append("\r\n");
            if (body != null) {
                m.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length())
                        .append("\r\n\r\n").append(body);
            } else {
                m.append("Content-Length: 0\r\n\r\n");
            }
            return m.toString();
        }

        public void ack() {
            ack(null);
        }

        /** The ACK of the 2xx, carrying {@code sdp} (the answer to an offer the 2xx made), or none when null. */
        public void ack(String sdp) {
            lastAck = inDialog("ACK", inviteCseq, branch(), sdp);
            send(lastAck);
        }

        /** The last ACK once more, byte for byte: what a phone sends for each retransmission of the 2xx. */
        public void ackAgain() {
            send(lastAck);
        }

        /** The last in-dialog request once more, byte for byte: what a phone sends when its response was lost. */
        public void repeatLastRequest() {
            send(lastRequest);
        }

        /** Sends an in-dialog request (BYE, INFO, re-INVITE) and returns its final response. */
        public SipMsg request(String method, int timeoutMillis) {
            long n = cseq++;
            lastRequest = inDialog(method, n, branch(), method.equals("INVITE") ? SDP : null);
            send(lastRequest);
            return await(x -> !x.isRequest() && callId.equals(x.callId()) && method.equals(x.cseqMethod())
                    && x.status() >= 200 && x.first("CSeq").trim().startsWith(n + " "), timeoutMillis);
        }

        /** Sends an in-dialog request with a body (INFO with DTMF) and returns its final response. */
        public SipMsg request(String method, String contentType, String body, int timeoutMillis) {
            long n = cseq++;
            send(inDialog(method, n, branch(), contentType, body));
            return await(x -> !x.isRequest() && callId.equals(x.callId()) && method.equals(x.cseqMethod())
                    && x.status() >= 200 && x.first("CSeq").trim().startsWith(n + " "), timeoutMillis);
        }

        public SipMsg bye() {
            return request("BYE", 5000);
        }

        /** Hangs up while {@code callee} (the other phone's side of this call) answers the BYE; the BYE's final response. */
        public SipMsg byeAnsweredBy(Incoming callee) throws InterruptedException {
            Thread answering = Thread.ofVirtual().start(callee::answerBye);
            SipMsg response = bye();
            answering.join(10_000);
            return response;
        }
    }

    /** A call this phone placed and another phone answered: both sides of it. */
    public record Answered(Call call, Incoming callee) {}

    /** Calls {@code callee} (by its user), which answers; asserts the 200 and sends the ACK. */
    public Answered callAnsweredBy(SipAgent callee) {
        Call call = call(callee.phone().user());
        Incoming ringing = callee.awaitCall(15_000);
        assertThat(ringing).as("%s is rung", callee.phone().user()).isNotNull();
        ringing.answer();
        assertThat(call.awaitFinal(10_000).status()).isEqualTo(200);
        call.ack();
        return new Answered(call, ringing);
    }

    // ----- taking calls -----

    /** The next INVITE for this phone, or null. */
    public Incoming awaitCall(int timeoutMillis) {
        SipMsg invite = awaitRequest("INVITE", timeoutMillis);
        return invite == null ? null : new Incoming(invite);
    }

    /** Answers {@code request} with {@code status} (a To tag is added when it has none). */
    public void respond(SipMsg request, int status, String reason, String toTag, boolean withSdp) {
        respond(request, status, reason, toTag, withSdp, List.of());
    }

    /** As {@link #respond(SipMsg, int, String, String, boolean)}, with extra header lines. */
    public void respond(SipMsg request, int status, String reason, String toTag, boolean withSdp,
                        List<String> extraHeaders) {
        StringBuilder m = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String v : request.all("Via")) {
            m.append("Via: ").append(v).append("\r\n");
        }
        if ("INVITE".equals(request.method()) && status > 100 && status < 300) {
            for (String rr : request.all("Record-Route")) {
                m.append("Record-Route: ").append(rr).append("\r\n");
            }
        }
        m.append("From: ").append(request.first("From")).append("\r\n");
        String to = request.first("To");
        if (SipMsg.tag(to) == null && toTag != null && status > 100) {
            to = to + ";tag=" + toTag;
        }
        m.append("To: ").append(to).append("\r\nCall-ID: ").append(request.callId()).append("\r\n");
        m.append("CSeq: ").append(request.first("CSeq")).append("\r\n");
        m.append("Contact: ").append(contact()).append("\r\n");
        for (String h : extraHeaders) {
            m.append(h).append("\r\n");
        }
        if (withSdp) {
            m.append("Content-Type: application/sdp\r\nContent-Length: ").append(answer.length()).append("\r\n\r\n")
                    .append(answer);
        } else {
            m.append("Content-Length: 0\r\n\r\n");
        }
        send(m.toString());
    }

    /** A call this phone is offered. */
    public final class Incoming {
        public final SipMsg invite;
        public final String toTag = tag();
        long cseq = 1000;

        Incoming(SipMsg invite) {
            this.invite = invite;
        }

        public void ring() {
            respond(invite, 180, "Ringing", toTag, false);
        }

        public void answer() {
            respond(invite, 200, "OK", toTag, true);
        }

        public void reject(int status, String reason) {
            respond(invite, status, reason, toTag, false);
        }

        /** The ACK of this call's 2xx. */
        public SipMsg awaitAck(int timeoutMillis) {
            return await(m -> "ACK".equals(m.method()) && invite.callId().equals(m.callId()), timeoutMillis);
        }

        /** A request of this dialog. */
        public SipMsg awaitRequest(String method, int timeoutMillis) {
            return await(m -> method.equals(m.method()) && invite.callId().equals(m.callId()), timeoutMillis);
        }

        /** Answers this call's next BYE with 200 OK (within 5 s). */
        public void answerBye() {
            respond(awaitRequest("BYE", 5000), 200, "OK", null, false);
        }

        /** Hangs up from the callee's side: BYE along the Record-Route, returns its final response. */
        public SipMsg bye() {
            long n = cseq++;
            String b = branch();
            StringBuilder m = new StringBuilder("BYE " + SipMsg.uriOf(invite.first("Contact")) + " SIP/2.0\r\n");
            m.append(via(b)).append("Max-Forwards: 70\r\n");
            m.append("From: ").append(invite.first("To")).append(";tag=").append(toTag).append("\r\n");
            m.append("To: ").append(invite.first("From")).append("\r\n");
            m.append("Call-ID: ").append(invite.callId()).append("\r\nCSeq: ").append(n).append(" BYE\r\n");
            for (String r : invite.all("Record-Route")) {
                m.append("Route: ").append(r).append("\r\n");
            }
            m.append("Content-Length: 0\r\n\r\n");
            send(m.toString());
            return await(x -> !x.isRequest() && invite.callId().equals(x.callId()) && "BYE".equals(x.cseqMethod())
                    && x.status() >= 200, 5000);
        }
    }
}
