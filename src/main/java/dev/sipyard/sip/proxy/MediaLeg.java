package dev.sipyard.sip.proxy;

import dev.sipyard.media.MediaStats;
import dev.sipyard.media.MediaStream;
import dev.sipyard.media.sdp.MalformedSdp;
import dev.sipyard.media.sdp.MediaPolicy;
import dev.sipyard.media.sdp.Negotiation;
import dev.sipyard.media.sdp.NotAcceptable;
import dev.sipyard.media.sdp.OfferAnswer;
import dev.sipyard.media.sdp.SessionDescription;
import dev.sipyard.media.srtp.SdesCrypto;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sip.ServerTransaction;
import javax.sip.address.Hop;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The caller's side of a call this server answered itself (a document needed media): the 200 with
 * our SDP, retransmitted over UDP until its ACK, the requests the caller sends inside the dialog
 * (BYE, re-INVITE, INFO with DTMF, UPDATE, OPTIONS), and our own BYE when the document hangs up.
 */
final class MediaLeg implements LocalDialogs.Dialog {
    private static final Logger log = LoggerFactory.getLogger(MediaLeg.class);
    private static final long T1 = 500;
    private static final long T2 = 4000;
    private static final long ACK_WAIT = 64 * T1;

    /** Told once when the leg ends, by either side. */
    interface Ended {
        void ended(MediaLeg leg, String why, boolean byCaller, MediaStats stats);
    }

    private final CallServices s;
    private final Request invite;
    private final Hop callerHop;
    private final String callSid;
    private final MediaStream stream;
    private final Ended ended;
    private final CompletableFuture<Void> acked = new CompletableFuture<>();
    private final long sessionId = System.currentTimeMillis();
    private long sdpVersion = 1;
    private MediaPolicy policy;
    private SessionDescription offer;
    private Negotiation negotiation;
    private SdesCrypto ourCrypto;
    private Response ok;
    private ScheduledFuture<?> retransmit;
    private PeerDialog dialog;
    private volatile boolean over;

    private MediaLeg(CallServices s, Request invite, Hop callerHop, String callSid, MediaStream stream, Ended ended) {
        this.s = s;
        this.invite = invite;
        this.callerHop = callerHop;
        this.callSid = callSid;
        this.stream = stream;
        this.ended = ended;
    }

    /** Why a call cannot be answered: the SIP status for the caller and the reason. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }
    }

    /**
     * Answers {@code invite}: negotiates its SDP offer under {@code policy}, opens a stream, sends
     * the 200. The returned leg is registered for the dialog's requests; {@code callSid} goes on
     * their log lines and on those of our BYE.
     */
    static MediaLeg answer(CallServices s, ServerTransaction st, Request invite, Hop callerHop, String callSid,
                           MediaPolicy policy, Ended ended) throws Refused {
        int limit = s.media().config().maxMediaCalls();
        if (s.media().engine().openStreams() >= limit) {
            throw new Refused(503, "This server's media engine carries its limit of " + limit + " calls");
        }
        String body = invite.getRawContent() == null ? null
                : new String(invite.getRawContent(), StandardCharsets.UTF_8);
        SessionDescription offer = null;
        Negotiation n = null;
        try {
            if (body != null && !body.isBlank()) {
                offer = SessionDescription.parse(body);
                n = OfferAnswer.answer(offer, policy);
            } else if (policy.servedCodecs().isEmpty()) {
                throw new NotAcceptable("none of the endpoint's codecs is one this server's media engine serves");
            }
        } catch (MalformedSdp e) {
            throw new Refused(400, "Malformed SDP: " + e.getMessage());
        } catch (NotAcceptable e) {
            throw new Refused(488, e.getMessage());
        }
        MediaStream stream;
        try {
            stream = s.media().engine().open();
        } catch (Exception e) {
            throw new Refused(503, "No media port free on this server");
        }
        MediaLeg leg = new MediaLeg(s, invite, callerHop, callSid, stream, ended);
        leg.policy = policy;
        leg.offer = offer;
        leg.negotiation = n;
        // registered before the 200 leaves: its ACK can come back at once
        s.localDialogs().add(leg.callId(), leg);
        try {
            leg.sendOk(st);
            if (n != null) {
                stream.start(n, callerHop.getHost()); // after the 200: no audio before the answer
            }
        } catch (Exception e) {
            s.localDialogs().remove(leg.callId(), leg);
            stream.close();
            log.info("answer to {} not sent: {}", callerHop, e.toString());
            throw new Refused(500, "The answer could not be sent");
        }
        stream.onMediaTimeout(() -> leg.hangUp("No audio from the caller for "
                + s.media().config().rtpTimeout().toSeconds() + " s"));
        return leg;
    }

    MediaStream stream() {
        return stream;
    }

    Negotiation negotiation() {
        return negotiation;
    }

    String callId() {
        return ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId();
    }

    boolean over() {
        return over;
    }

    /** Completes when the caller's ACK arrived (or the leg ended). */
    CompletableFuture<Void> acked() {
        return acked;
    }

    private void sendOk(ServerTransaction st) throws Exception {
        ok = answerFor(invite);
        dialog = PeerDialog.asCallee(invite, ok, callerHop);
        st.sendResponse(ok);
        if ("UDP".equalsIgnoreCase(callerHop.getTransport())) {
            scheduleRetransmit(T1, 0);
        }
    }

    private Response answerFor(Request request) throws Exception {
        Response r = s.core().replies().reply(request, 200, "OK");
        if (ok != null) {
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(localTag());
        }
        r.addHeader(s.core().contact(callerHop.getTransport()));
        String sdp = offer == null ? lateOffer() : OfferAnswer.answerSdp(offer, negotiation,
                s.media().config().rtpPublicAddress(), stream.localPort(), sessionId, sdpVersion);
        ContentTypeHeader type = s.core().stack().headers().createContentTypeHeader("application", "sdp");
        r.setContent(sdp.getBytes(StandardCharsets.UTF_8), type);
        return r;
    }

    /** An INVITE without SDP (RFC 3264 late offer): the offer is ours, in the 200; the answer comes in the ACK. */
    private String lateOffer() {
        if (ourCrypto == null && policy.encryptionRequired() && !policy.ciphers().isEmpty()) {
            ourCrypto = SdesCrypto.generate(1, policy.ciphers().get(0));
        }
        return OfferAnswer.offerSdp(policy, s.media().config().rtpPublicAddress(), stream.localPort(), sessionId,
                ourCrypto);
    }

    private String localTag() {
        return ((ToHeader) ok.getHeader(ToHeader.NAME)).getTag();
    }

    /** RFC 3261 13.3.1.4: the 2xx is resent at T1, doubling up to T2, until the ACK; none within 64*T1 ends the call. */
    private void scheduleRetransmit(long delay, long waited) {
        retransmit = s.timers().schedule(() -> {
            if (acked.isDone() || over) {
                return;
            }
            if (waited + delay >= ACK_WAIT) {
                hangUp("The caller never acknowledged the answer");
                return;
            }
            try {
                s.core().stack().provider().sendResponse(ok);
            } catch (Exception e) {
                log.debug("200 retransmission failed: {}", e.toString());
            }
            scheduleRetransmit(Math.min(delay * 2, T2), waited + delay);
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** The ACK of our 2xx. */
    @Override
    public void ack(SIPRequest request) {
        if (offer == null && !acceptLateAnswer(request)) {
            return;
        }
        acked.complete(null);
        ScheduledFuture<?> r = retransmit;
        if (r != null) {
            r.cancel(false);
        }
    }

    /** The caller's answer to our offer, in its ACK; false when there was none to use (the call is hung up). */
    private synchronized boolean acceptLateAnswer(SIPRequest ack) {
        if (negotiation != null) {
            return true; // a retransmitted ACK
        }
        byte[] raw = ack.getRawContent();
        try {
            if (raw == null || raw.length == 0) {
                throw new NotAcceptable("the ACK carries no SDP answer to our offer");
            }
            negotiation = OfferAnswer.accept(SessionDescription.parse(new String(raw, StandardCharsets.UTF_8)), policy,
                    ourCrypto);
            stream.start(negotiation, callerHop.getHost());
            return true;
        } catch (MalformedSdp | NotAcceptable e) {
            s.work().execute(() -> hangUp("Unusable SDP answer in the ACK: " + e.getMessage()));
            return false;
        }
    }

    @Override
    public String callSid() {
        return callSid;
    }

    /** A request the caller sent inside this dialog. */
    @Override
    public int request(ServerTransaction st, SIPRequest request) throws Exception {
        switch (request.getMethod()) {
            case Request.BYE -> {
                st.sendResponse(s.core().replies().reply(request, 200, "OK"));
                end("hung up by the caller", true);
                return 200;
            }
            case Request.INVITE -> {
                return reinvite(st, request);
            }
            case Request.INFO -> {
                info(request);
                st.sendResponse(s.core().replies().reply(request, 200, "OK"));
                return 200;
            }
            case Request.UPDATE, Request.OPTIONS -> {
                st.sendResponse(s.core().replies().reply(request, 200, "OK"));
                return 200;
            }
            default -> {
                st.sendResponse(s.core().replies().refusal(request, 405, "Method Not Allowed",
                        request.getMethod() + " is not accepted in a call answered by this server"));
                return 405;
            }
        }
    }

    /** A re-INVITE: the new offer answered (200), or refused (400, 488); returns the status sent. */
    private int reinvite(ServerTransaction st, SIPRequest request) throws Exception {
        byte[] raw = request.getRawContent();
        if (raw != null && raw.length > 0) {
            try {
                SessionDescription again = SessionDescription.parse(new String(raw, StandardCharsets.UTF_8));
                Negotiation n = OfferAnswer.answer(again, policy);
                offer = again;
                negotiation = n;
                stream.update(n);
            } catch (MalformedSdp e) {
                st.sendResponse(s.core().replies().refusal(request, 400, "Bad Request", "Malformed SDP: " + e.getMessage()));
                return 400;
            } catch (NotAcceptable e) {
                st.sendResponse(s.core().replies().refusal(request, 488, "Not Acceptable Here", e.getMessage()));
                return 488;
            }
        }
        sdpVersion++;
        Response r = answerFor(request);
        ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(localTag());
        st.sendResponse(r);
        return 200;
    }

    /** SIP INFO DTMF: {@code application/dtmf-relay} ("Signal=5") or {@code application/dtmf} ("5"). */
    private void info(SIPRequest request) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        byte[] raw = request.getRawContent();
        if (type == null || raw == null || raw.length > 1024) {
            return;
        }
        String sub = type.getContentSubType() == null ? "" : type.getContentSubType().toLowerCase();
        String body = new String(raw, StandardCharsets.UTF_8);
        String signal = null;
        if (sub.equals("dtmf-relay")) {
            for (String line : body.split("\r?\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).trim().equalsIgnoreCase("Signal")) {
                    signal = line.substring(eq + 1).trim();
                }
            }
        } else if (sub.equals("dtmf")) {
            signal = body.trim();
        }
        if (signal != null && signal.length() == 1 && "0123456789*#ABCDabcd".indexOf(signal.charAt(0)) >= 0) {
            stream.injectDigit(Character.toUpperCase(signal.charAt(0)));
        }
    }

    /** Ends the call from our side: a BYE to the caller. */
    void hangUp(String why) {
        if (over) {
            return;
        }
        try {
            s.core().send(dialog.request(s.core(), Request.BYE), callerHop, callSid, ProxyCore.IGNORING);
        } catch (Exception e) {
            log.debug("BYE to the caller not sent: {}", e.toString());
        }
        end(why, false);
    }

    private void end(String why, boolean byCaller) {
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
        }
        acked.complete(null);
        ScheduledFuture<?> r = retransmit;
        if (r != null) {
            r.cancel(false);
        }
        s.localDialogs().remove(callId(), this);
        MediaStats stats = stream.stats();
        stream.close();
        if (stats.ignoredWrongSource() + stats.malformed() + stats.srtpFailures() + stats.wrongPayloadType()
                + stats.floodDropped() > 0) {
            log.info("call {} dropped RTP: {} from other addresses, {} malformed, {} failing SRTP, {} of other "
                            + "payload types, {} over the flood budget", callId(), stats.ignoredWrongSource(),
                    stats.malformed(), stats.srtpFailures(), stats.wrongPayloadType(), stats.floodDropped());
        }
        ended.ended(this, why, byCaller, stats);
    }
}
