package dev.sipyard.sip.proxy;

import dev.sipyard.media.MediaStream;
import dev.sipyard.media.sdp.MediaPolicy;
import dev.sipyard.media.sdp.Negotiation;
import dev.sipyard.media.sdp.OfferAnswer;
import dev.sipyard.media.sdp.SessionDescription;
import dev.sipyard.routing.DialStatus;
import dev.sipyard.routing.Outcome;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code <Dial>} (or SWML {@code connect}) after this server answered the caller: new INVITEs
 * of ours ring the targets in parallel (a {@link Fork}) with our own SDP offer; the first to answer
 * is ACKed and its audio bridged to the caller's. The Dial ends when either side hangs up, the
 * time limit passes, or nobody answers; then the document goes on.
 */
final class BridgedDial implements Fork.Upstream, Fork.Listener, LocalDialogs.Dialog {
    private static final Logger log = LoggerFactory.getLogger(BridgedDial.class);

    private final CallServices s;
    private final MediaLeg caller;
    private final String callSid;
    private final String dialSid;
    private final String fromUser;
    private final String displayName;
    private final MediaPolicy policy;
    private final Integer timeLimitSeconds;
    private final Consumer<Outcome.Dialed> done;
    private final String callId;
    private final String fromTag = Long.toHexString(UUID.randomUUID().getMostSignificantBits());
    private final long sessionId = System.currentTimeMillis();
    private MediaStream stream;
    private String offer;
    private Fork fork;
    private ClientTransaction answeredBranch;
    private PeerDialog callee;
    private long connectedAt;
    private ScheduledFuture<?> limit;
    private boolean over;

    BridgedDial(CallServices s, MediaLeg caller, String callSid, String dialSid, String fromUser, String displayName,
                MediaPolicy policy, Integer timeLimitSeconds, Consumer<Outcome.Dialed> done) {
        this.s = s;
        this.caller = caller;
        this.callSid = callSid;
        this.dialSid = dialSid;
        this.fromUser = fromUser;
        this.displayName = displayName;
        this.policy = policy;
        this.timeLimitSeconds = timeLimitSeconds;
        this.done = done;
        this.callId = s.core().stack().provider().getNewCallId().getCallId();
    }

    synchronized void start(List<Fork.Target> targets, Duration timeout) {
        try {
            stream = s.media().engine().open();
        } catch (Exception e) {
            finish(DialStatus.FAILED, 0, 503);
            return;
        }
        offer = OfferAnswer.offerSdp(policy, s.media().config().rtpPublicAddress(), stream.localPort(), sessionId, null);
        s.localDialogs().add(callId, this);
        fork = new Fork(s.core(), this, targets, timeout, s.timers(), this, callSid);
        fork.start();
    }

    // ----- the branches (Fork.Upstream) -----

    @Override
    public String defaultTransport() {
        return "UDP";
    }

    @Override
    public Request branch(Fork.Target t, String transport) throws Exception {
        var headers = s.core().stack().headers();
        var addresses = s.core().stack().addresses();
        javax.sip.address.URI target = addresses.createURI(t.requestUri());
        SipURI fromUri = addresses.createSipURI(fromUser, s.core().contact(transport).getAddress().getURI()
                instanceof SipURI ours ? ours.getHost() : "localhost");
        Address from = addresses.createAddress(fromUri);
        if (displayName != null) {
            from.setDisplayName(displayName);
        }
        Request invite = s.core().stack().messages().createRequest(target, Request.INVITE,
                headers.createCallIdHeader(callId), headers.createCSeqHeader(1L, Request.INVITE),
                headers.createFromHeader(from, fromTag), headers.createToHeader(addresses.createAddress(target), null),
                new ArrayList<>(List.of(s.core().via(transport))), headers.createMaxForwardsHeader(70));
        invite.addHeader(s.core().contact(transport));
        ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
        invite.setContent(offer.getBytes(StandardCharsets.UTF_8), type);
        return invite;
    }

    @Override
    public void provisional(Response response) {}

    @Override
    public synchronized void answered(ClientTransaction ct, Response response) {
        answeredBranch = ct;
    }

    /** Another branch answered too late: it is ACKed and hung up at once. */
    @Override
    public void lateAnswer(ClientTransaction ct, Response response) {
        try {
            PeerDialog extra = dialogOf(ct, response);
            s.core().sendStateless(extra.ack(s.core(), cseqOf(ct.getRequest())), extra.hop());
            s.core().send(extra.request(s.core(), Request.BYE), extra.hop(), callSid, ProxyCore.IGNORING);
        } catch (Exception e) {
            log.debug("late answer of a bridged dial not ended: {}", e.toString());
        }
    }

    // ----- the attempt's end (Fork.Listener) -----

    @Override
    public void ringing() {
        s.callLog().eventQueued(callSid, "dial_ringing", Map.of("dial_sid", dialSid));
    }

    @Override
    public synchronized void finished(Fork.Result result) {
        switch (result) {
            case Fork.Result.Answered a -> connect(a.response());
            case Fork.Result.Failed f -> finish(DialStatus.fromSip(f.ringTimeout() ? null : f.status(), f.ringTimeout(),
                    false), 0, f.ringTimeout() ? null : f.status());
            case Fork.Result.Canceled c -> finish(DialStatus.CANCELED, 0, 487);
        }
    }

    private void connect(Response ok) {
        ClientTransaction ct = answeredBranch;
        try {
            Request sent = ct == null ? null : ct.getRequest();
            if (sent == null) {
                throw new IllegalStateException("the answered INVITE is gone");
            }
            callee = dialogOf(ct, ok);
            s.core().sendStateless(callee.ack(s.core(), cseqOf(sent)), callee.hop());
        } catch (Exception e) {
            log.info("answer of a bridged dial not acknowledged: {}", e.toString());
            finish(DialStatus.FAILED, 0, 500);
            return;
        }
        if (over || caller.over()) {
            hangUpCallee();
            finish(DialStatus.CANCELED, 0, 487);
            return;
        }
        try {
            String body = ok.getRawContent() == null ? "" : new String(ok.getRawContent(), StandardCharsets.UTF_8);
            Negotiation n = OfferAnswer.accept(SessionDescription.parse(body), policy, null);
            Hop hop = callee.hop();
            stream.start(n, hop != null ? hop.getHost() : n.remoteRtp() == null ? null
                    : n.remoteRtp().getAddress().getHostAddress());
        } catch (Exception e) {
            log.info("bridged dial answered with unusable SDP: {}", e.getMessage());
            hangUpCallee();
            finish(DialStatus.FAILED, 0, 488);
            return;
        }
        connectedAt = System.currentTimeMillis();
        caller.stream().bridge(stream);
        s.callLog().eventQueued(callSid, "dial_connected", Map.of("dial_sid", dialSid));
        if (timeLimitSeconds != null && timeLimitSeconds > 0) {
            limit = s.timers().schedule(this::timeLimitReached, timeLimitSeconds, TimeUnit.SECONDS);
        }
    }

    private synchronized void timeLimitReached() {
        if (over) {
            return;
        }
        s.callLog().eventQueued(callSid, "dial_time_limit", Map.of("seconds", timeLimitSeconds));
        hangUpCallee();
        finish(DialStatus.COMPLETED, seconds(), 200);
    }

    /** The caller hung up: whatever the dial was doing stops. */
    synchronized void callerHungUp() {
        if (over) {
            return;
        }
        if (callee == null) {
            Fork ringing = fork;
            over = true; // the fork's Canceled result then only cleans up
            if (ringing != null) {
                s.work().execute(ringing::cancel);
            }
            closeMedia();
            return;
        }
        hangUpCallee();
        over = true;
        closeMedia();
    }

    // ----- requests from the callee (LocalDialogs.Dialog) -----

    @Override
    public String callSid() {
        return callSid;
    }

    @Override
    public int request(ServerTransaction st, SIPRequest request) throws Exception {
        switch (request.getMethod()) {
            case Request.BYE -> {
                st.sendResponse(s.core().replies().reply(request, 200, "OK"));
                synchronized (this) {
                    if (!over) {
                        finish(DialStatus.COMPLETED, seconds(), 200);
                    }
                }
                return 200;
            }
            case Request.INFO, Request.UPDATE, Request.OPTIONS -> {
                st.sendResponse(s.core().replies().reply(request, 200, "OK"));
                return 200;
            }
            default -> {
                st.sendResponse(s.core().replies().refusal(request, 488, "Not Acceptable Here",
                        request.getMethod() + " is not accepted on a bridged leg"));
                return 488;
            }
        }
    }

    @Override
    public void ack(SIPRequest request) {}

    // ----- helpers -----

    private int seconds() {
        return connectedAt == 0 ? 0 : (int) ((System.currentTimeMillis() - connectedAt) / 1000);
    }

    private void hangUpCallee() {
        if (callee == null) {
            return;
        }
        try {
            s.core().send(callee.request(s.core(), Request.BYE), callee.hop(), callSid, ProxyCore.IGNORING);
        } catch (Exception e) {
            log.debug("BYE to a bridged callee not sent: {}", e.toString());
        }
    }

    private void finish(DialStatus status, int seconds, Integer sipCode) {
        boolean wasOver = over;
        over = true;
        if (limit != null) {
            limit.cancel(false);
        }
        closeMedia();
        if (!wasOver) {
            // off this lock: the session holds its own lock while it tells us the caller hung up
            Outcome.Dialed dialed = new Outcome.Dialed(status, dialSid, seconds, sipCode);
            s.work().execute(() -> done.accept(dialed));
        }
    }

    private void closeMedia() {
        s.localDialogs().remove(callId, this);
        if (stream != null) {
            if (connectedAt != 0) {
                caller.stream().unbridge();
            }
            stream.close();
        }
    }

    private PeerDialog dialogOf(ClientTransaction ct, Response ok) {
        Request sent = ct.getRequest();
        Hop pinned = sent instanceof SIPMessage m && m.getApplicationData() instanceof Hop h ? h : null;
        String transport = ((ViaHeader) sent.getHeader(ViaHeader.NAME)).getTransport();
        return PeerDialog.asCaller(sent, ok, pinned, transport);
    }

    private static long cseqOf(Request r) {
        return ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }
}
