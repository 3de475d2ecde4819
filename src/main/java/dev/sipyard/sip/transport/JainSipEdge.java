package dev.sipyard.sip.transport;

import dev.sipyard.config.HostPort;
import dev.sipyard.config.SipSettings;
import dev.sipyard.sip.registrar.Binding;
import dev.sipyard.sip.registrar.ContactSpec;
import dev.sipyard.sip.registrar.RegisterReply;
import dev.sipyard.sip.registrar.RegisterRequest;
import dev.sipyard.sip.registrar.Registrar;
import gov.nist.core.CommonLogger;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.SIPTransaction;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Properties;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP edge over the JAIN-SIP reference implementation: starts the listeners, turns each
 * REGISTER into a {@link RegisterRequest} for the {@link Registrar} and its {@link RegisterReply}
 * back into a response. Over UDP, REGISTERs are answered without JAIN-SIP transactions (which keep
 * every parsed message for 32 s) and {@link UdpRetransmissions} does their one job; over TCP, TLS
 * and WebSocket a server transaction is used (it ends as soon as it has answered).
 */
public final class JainSipEdge implements SipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JainSipEdge.class);
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final String CIPHERS = String.join(",", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    /** The ports the listeners are bound to (null: that listener is off). */
    public record Ports(int udp, int tcp, Integer tls, Integer ws, Integer wss) {}

    private final SipSettings settings;
    private final TlsMaterial tls;
    private final Registrar registrar;
    private final Predicate<String> banned;
    private final String stackId = "sipyard-" + STACKS.incrementAndGet();
    private SipStackImpl stack;
    private SipProvider provider;
    private MessageFactory messages;
    private HeaderFactory headers;
    private AddressFactory addresses;
    private Ports ports;
    private final UdpRetransmissions retransmissions = new UdpRetransmissions(32_000);

    public JainSipEdge(SipSettings settings, TlsMaterial tls, Registrar registrar, Predicate<String> banned) {
        this.settings = settings;
        this.tls = tls;
        this.registrar = registrar;
        this.banned = banned;
    }

    /** Binds every configured listener; a listener that cannot bind stops the start with one clear message. */
    public JainSipEdge start() {
        CommonLogger.legacyLogger = new Slf4jStackLogger();
        Properties p = stackProperties();
        try {
            stack = new SipStackImpl(p);
            javax.sip.SipFactory f = javax.sip.SipFactory.getInstance();
            messages = f.createMessageFactory();
            headers = f.createHeaderFactory();
            addresses = f.createAddressFactory();
        } catch (Exception e) {
            throw new IllegalStateException("the SIP stack could not start: " + e.getMessage(), e);
        }
        try {
            int port = settings.addr().port() == 0 ? FreePorts.udpAndTcp(settings.addr().host())
                    : settings.addr().port();
            ListeningPoint udp = listen(settings.addr().host(), port, "UDP");
            ListeningPoint tcp = listen(settings.addr().host(), port, "TCP");
            provider = stack.createSipProvider(udp);
            provider.addListeningPoint(tcp);
            Integer tlsPort = optional(settings.tlsAddr(), "TLS");
            Integer wsPort = optional(settings.wsAddr(), "WS");
            Integer wssPort = optional(settings.wssAddr(), "WSS");
            provider.addSipListener(this);
            ports = new Ports(udp.getPort(), tcp.getPort(), tlsPort, wsPort, wssPort);
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Integer optional(HostPort addr, String transport) throws Exception {
        if (addr == null) {
            return null;
        }
        int port = addr.port() == 0 ? FreePorts.tcp(addr.host()) : addr.port();
        ListeningPoint lp = listen(addr.host(), port, transport);
        provider.addListeningPoint(lp);
        return lp.getPort();
    }

    private ListeningPoint listen(String host, int port, String transport) {
        String where = transport + " " + new HostPort(host, port);
        String problem = FreePorts.cannotBind(host, port, transport);
        if (problem != null) {
            throw new IllegalStateException("SIP listener " + where + " cannot start: " + problem);
        }
        try {
            return stack.createListeningPoint(host, port, transport);
        } catch (Exception e) {
            throw new IllegalStateException("SIP listener " + where + " cannot start: " + e.getMessage(), e);
        }
    }

    private Properties stackProperties() {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackId);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(settings.threads()));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "1048576");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "1048576");
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME",
                "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Normal");
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", BoundedNioProcessorFactory.class.getName());
        p.setProperty(BoundedNioProcessorFactory.MAX_CONNECTIONS, String.valueOf(settings.maxConnections()));
        p.setProperty("gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME",
                String.valueOf(settings.idleTimeoutSeconds() * 1000L));
        // Also the size of the buffer the stock UDP listener allocates per datagram: 16 kB, not 64 kB, of garbage each.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "16384");
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "100000");
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3,TLSv1.2");
        p.setProperty("gov.nist.javax.sip.ENABLED_CIPHER_SUITES", CIPHERS);
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "10000");
        if (tls != null) {
            TlsKeyProvider.register(stackId, tls);
            p.setProperty("gov.nist.javax.sip.SECURITY_MANAGER_PROVIDER", TlsKeyProvider.class.getName());
            p.setProperty(TlsKeyProvider.ID_PROPERTY, stackId);
        }
        return p;
    }

    public Ports ports() {
        return ports;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            String source = source((SIPRequest) request);
            String method = request.getMethod();
            if (Request.ACK.equals(method)) {
                return;
            }
            if (banned.test(source)) {
                respond(event, reply(request, 403, "Forbidden"), true);
                return;
            }
            switch (method) {
                case Request.REGISTER -> register(event, (SIPRequest) request, source);
                case Request.OPTIONS -> {
                    Response r = reply(request, 200, "OK");
                    r.addHeader(headers.createAllowHeader("REGISTER, OPTIONS"));
                    respond(event, r, true);
                }
                case Request.CANCEL -> respond(event, reply(request, 481, "Call/Transaction Does Not Exist"), true);
                default -> respond(event, reply(request, 501, "Not Implemented"), true);
            }
        } catch (Exception e) {
            log.warn("SIP {} from {} could not be answered: {}", request.getMethod(),
                    ((SIPRequest) request).getRemoteAddress(), e.toString());
        }
    }

    private void register(RequestEvent event, SIPRequest request, String source) throws Exception {
        String transport = transport(request);
        if ("UDP".equals(transport)) {
            registerOverUdp(request, source);
            return;
        }
        ServerTransaction st = transaction(event);
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

    /** UDP without JAIN-SIP transactions: {@link UdpRetransmissions} answers retransmissions. */
    private void registerOverUdp(SIPRequest request, String source) throws Exception {
        var via = request.getTopmostVia();
        String key = via.getBranch() + "|" + via.getSentBy() + "|" + request.getCallId().getCallId() + "|"
                + request.getCSeq().getSeqNumber();
        switch (retransmissions.begin(key)) {
            case UdpRetransmissions.Seen.InHand inHand -> {
                return;
            }
            case UdpRetransmissions.Seen.Answered again -> {
                provider.sendResponse(messages.createResponse(again.response()));
                return;
            }
            case UdpRetransmissions.Seen.New first -> answer(request, source, "UDP").whenComplete((response, e) -> {
                try {
                    retransmissions.answered(key, response.toString());
                    provider.sendResponse(response);
                } catch (Exception ex) {
                    log.debug("REGISTER response to {} not sent: {}", source, ex.toString());
                }
            });
        }
    }

    /** The registrar's answer as a response; a failure of ours becomes a 500, never an exception. */
    private CompletableFuture<Response> answer(SIPRequest request, String source, String transport) {
        CompletableFuture<RegisterReply> future;
        try {
            future = registrar.register(toRegisterRequest(request, source, transport));
        } catch (RuntimeException e) {
            log.warn("REGISTER from {} failed: {}", source, e.toString());
            future = CompletableFuture.failedFuture(e);
        }
        return future.handle((reply, error) -> {
            try {
                return error != null ? reply(request, 500, "Server Internal Error") : toResponse(request, reply);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private RegisterRequest toRegisterRequest(SIPRequest request, String source, String transport) {
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
        List<String> auth = new ArrayList<>();
        ListIterator<?> a = request.getHeaders("Authorization");
        while (a != null && a.hasNext()) {
            auth.add(((SIPHeader) a.next()).getHeaderValue());
        }
        Header ua = request.getHeader("User-Agent");
        CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        InetAddress local = request.getLocalAddress();
        return new RegisterRequest(transport, source, request.getRemotePort(),
                local == null ? null : local.getHostAddress(), request.getLocalPort(),
                request.getRequestURI().toString(), toUser, toHost, callId == null ? null : callId.getCallId(),
                cseq == null ? 0 : cseq.getSeqNumber(), wildcard, contacts,
                expires == null ? null : (long) expires.getExpires(), auth,
                ua == null ? null : ((SIPHeader) ua).getHeaderValue().trim());
    }

    private Response toResponse(Request request, RegisterReply reply) throws Exception {
        Response r = reply(request, reply.status(), reply.reason());
        for (String c : reply.challenges()) {
            r.addHeader(headers.createHeader("WWW-Authenticate", c));
        }
        if (reply.minExpires() != null) {
            r.addHeader(headers.createMinExpiresHeader(reply.minExpires()));
        }
        for (Binding b : reply.bindings()) {
            try {
                ContactHeader c = headers.createContactHeader(addresses.createAddress(contactUri(b.contactUri())));
                c.setExpires((int) reply.remainingSeconds(b));
                r.addHeader(c);
            } catch (java.text.ParseException e) {
                log.debug("binding contact {} cannot be written back: {}", b.id(), e.getMessage());
            }
        }
        if (reply.status() == 200) {
            r.addHeader(headers.createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
        }
        return r;
    }

    private URI contactUri(String uri) throws java.text.ParseException {
        return addresses.createURI(uri);
    }

    private Response reply(Request request, int status, String reason) throws Exception {
        Response r = messages.createResponse(status, request);
        r.setReasonPhrase(reason);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (to != null && to.getTag() == null && status > 100) {
            to.setTag(Long.toHexString(UUID.randomUUID().getMostSignificantBits()));
        }
        r.addHeader(headers.createServerHeader(List.of("sipyard")));
        return r;
    }

    private void respond(RequestEvent event, Response response, boolean statelessOnUdp) throws Exception {
        if (statelessOnUdp && "UDP".equals(transport((SIPRequest) event.getRequest()))) {
            provider.sendResponse(response);
            return;
        }
        ServerTransaction st = transaction(event);
        if (st != null) {
            st.sendResponse(response);
        }
    }

    private ServerTransaction transaction(RequestEvent event) throws Exception {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        }
    }

    private static String transport(SIPRequest request) {
        if (request.getTransaction() instanceof SIPTransaction t && t.getTransport() != null) {
            return t.getTransport().toUpperCase(Locale.ROOT);
        }
        var via = request.getTopmostVia();
        return via == null ? "UDP" : via.getTransport().toUpperCase(Locale.ROOT);
    }

    private static String source(SIPRequest request) {
        InetAddress a = request.getRemoteAddress();
        if (a == null) {
            a = request.getPeerPacketSourceAddress();
        }
        return a == null ? "" : a.getHostAddress();
    }

    @Override
    public void processResponse(ResponseEvent event) {}

    @Override
    public void processTimeout(TimeoutEvent event) {}

    @Override
    public void processIOException(IOExceptionEvent event) {}

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}

    @Override
    public void close() {
        if (stack != null) {
            try {
                stack.stop();
            } catch (RuntimeException e) {
                log.debug("SIP stack stop: {}", e.toString());
            }
            stack = null;
        }
        TlsKeyProvider.unregister(stackId);
    }
}
