package dev.sipyard.sip.transport;

import dev.sipyard.location.Binding;
import dev.sipyard.sip.registrar.ContactSpec;
import dev.sipyard.sip.registrar.RegisterReply;
import dev.sipyard.sip.registrar.RegisterRequest;
import dev.sipyard.sip.registrar.Registrar;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.TimeZone;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER: turns it into a {@link RegisterRequest} for the {@link Registrar} and its
 * {@link RegisterReply} back into a response. Over UDP, REGISTERs are first offered to
 * {@link LeanUdpRegisters}, which answers those it reads without JAIN-SIP at all; the rest reach
 * this handler and are answered without JAIN-SIP transactions (which keep every parsed message
 * for 32 s), {@link KeptAnswers} doing their one job; over TCP, TLS and WebSocket a server
 * transaction is used.
 */
public final class RegisterHandler implements RequestHandler {
    private static final Logger log = LoggerFactory.getLogger(RegisterHandler.class);

    private final SipStack stack;
    private final SipReplies replies;
    private final Registrar registrar;
    /** The few REGISTERs the lean path leaves (odd headers) keep their whole response: a 64th of the heap at most. */
    private final KeptAnswers kept = new KeptAnswers(32_000, 1, Runtime.getRuntime().maxMemory() / 64,
            Clock.systemUTC());
    private final SipHash transactions = SipHash.withRandomKey();

    /** {@code draining}: true while the node drains (the dispatcher then refuses REGISTERs; none is answered lean). */
    public RegisterHandler(SipStack stack, SipReplies replies, Registrar registrar, BooleanSupplier draining) {
        this.stack = stack;
        this.replies = replies;
        this.registrar = registrar;
        stack.lookFirstAtUdp(new LeanUdpRegisters(registrar, draining));
    }

    @Override
    public void handle(RequestEvent event, SIPRequest request, String source) throws Exception {
        String transport = SipReplies.transport(request);
        if ("UDP".equals(transport)) {
            overUdp(request, source);
            return;
        }
        ServerTransaction st = replies.transaction(event);
        if (st == null) {
            return; // a retransmission already in hand
        }
        answer(request, source, transport).whenComplete((response, error) -> {
            try {
                st.sendResponse(response);
            } catch (Exception e) {
                log.debug("REGISTER response to {} not sent: {}", source, e.toString());
            }
        });
    }

    private void overUdp(SIPRequest request, String source) throws Exception {
        var via = request.getTopmostVia();
        long key = transactions.hash(via.getBranch(), via.getSentBy().encode(), request.getCallId().getCallId(),
                request.getCSeq().getSeqNumber());
        switch (kept.begin(key)) {
            case KeptAnswers.Seen.Drop drop -> {
                return;
            }
            case KeptAnswers.Seen.Answered again -> {
                stack.provider().sendResponse(stack.messages().createResponse(
                        new String(again.answer(), StandardCharsets.UTF_8)));
                return;
            }
            case KeptAnswers.Seen.New first -> answer(request, source, "UDP").whenComplete((response, e) -> {
                try {
                    kept.answered(key, response.toString().getBytes(StandardCharsets.UTF_8));
                    stack.provider().sendResponse(response);
                } catch (Exception ex) {
                    log.debug("REGISTER response to {} not sent: {}", source, ex.toString());
                }
            });
        }
    }

    /** The registrar's answer as a response; a failure of ours becomes a 500, never an exception. */
    private CompletableFuture<Response> answer(SIPRequest request, String source, String transport) {
        CompletableFuture<RegisterReply> future;
        RegisterRequest asked = null;
        try {
            asked = toRegisterRequest(request, source, transport);
            future = registrar.register(asked);
        } catch (RuntimeException e) {
            log.warn("REGISTER from {} failed: {}", source, e.toString());
            future = CompletableFuture.failedFuture(e);
        }
        RegisterRequest logged = asked;
        return future.handle((reply, error) -> {
            if (logged != null) {
                SipLog.register(logged, error != null ? 500 : reply.status());
            }
            try {
                return error != null ? replies.reply(request, 500, "Server Internal Error") : toResponse(request, reply);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static RegisterRequest toRegisterRequest(SIPRequest request, String source, String transport) {
        String toUser = null;
        String toHost = null;
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to != null && to.getAddress().getURI() instanceof SipURI uri) {
            toUser = uri.getUser();
            toHost = uri.getHost();
        }
        boolean wildcard = false;
        List<ContactSpec> contacts = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ContactHeader.NAME);
        while (it != null && it.hasNext()) {
            ContactHeader c = (ContactHeader) it.next();
            if (c.getAddress() == null || "*".equals(c.getAddress().toString().trim())
                    || ((gov.nist.javax.sip.header.Contact) c).isWildCard()) {
                wildcard = true;
                continue;
            }
            int e = c.getExpires();
            contacts.add(new ContactSpec(c.getAddress().getURI().toString(), e < 0 ? null : (long) e));
        }
        ExpiresHeader expires = request.getExpires();
        Header ua = request.getHeader("User-Agent");
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        InetAddress local = request.getLocalAddress();
        return new RegisterRequest(transport, source, request.getRemotePort(),
                local == null ? null : local.getHostAddress(), request.getLocalPort(),
                request.getRequestURI().toString(), toUser, toHost, callId == null ? null : callId.getCallId(),
                cseq == null ? 0 : cseq.getSeqNumber(), wildcard, contacts,
                expires == null ? null : (long) expires.getExpires(), SipHeaders.values(request, "Authorization"),
                ua == null ? null : ((SIPHeader) ua).getHeaderValue().trim());
    }

    private Response toResponse(Request request, RegisterReply reply) throws Exception {
        Response r = replies.reply(request, reply.status(), reply.reason());
        for (String c : reply.challenges()) {
            r.addHeader(stack.headers().createHeader("WWW-Authenticate", c));
        }
        if (reply.minExpires() != null) {
            r.addHeader(stack.headers().createMinExpiresHeader(reply.minExpires()));
        }
        if (reply.retryAfter() != null) {
            r.addHeader(stack.headers().createRetryAfterHeader(reply.retryAfter()));
        }
        for (Binding b : reply.bindings()) {
            try {
                ContactHeader c = stack.headers().createContactHeader(
                        stack.addresses().createAddress(stack.addresses().createURI(b.contactUri())));
                c.setExpires((int) reply.remainingSeconds(b));
                r.addHeader(c);
            } catch (java.text.ParseException e) {
                log.debug("binding contact {} cannot be written back: {}", b.id(), e.getMessage());
            }
        }
        if (reply.status() == 200) {
            r.addHeader(stack.headers().createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
        }
        return r;
    }
}
