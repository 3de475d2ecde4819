package dev.sipyard.sip.transport;

import dev.sipyard.config.HostPort;
import dev.sipyard.config.SipSettings;
import gov.nist.core.CommonLogger;
import gov.nist.javax.sip.SipStackImpl;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.address.AddressFactory;
import javax.sip.header.HeaderFactory;
import javax.sip.message.MessageFactory;

/**
 * The JAIN-SIP stack of one node and its listeners (UDP and TCP on one port, TLS, WS, WSS), with
 * the stack properties measured to matter (ARCHITECTURE.md). Hands every event to one listener.
 */
public final class SipStack implements AutoCloseable {
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final String CIPHERS = String.join(",", "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");

    /** The ports the listeners are bound to (null: that listener is off). */
    public record Ports(int udp, int tcp, Integer tls, Integer ws, Integer wss) {}

    private final SipSettings settings;
    private final TlsMaterial tls;
    private final String stackId = "sipyard-" + STACKS.incrementAndGet();
    private SipStackImpl stack;
    private SipProvider provider;
    private MessageFactory messages;
    private HeaderFactory headers;
    private AddressFactory addresses;
    private Ports ports;
    private BoundedUdpProcessor.FirstLook udpFirstLook;

    public SipStack(SipSettings settings, TlsMaterial tls) {
        this.settings = settings;
        this.tls = tls;
    }

    /** Binds every configured listener; a listener that cannot bind stops the start with one clear message. */
    public SipStack start(SipListener listener) {
        CommonLogger.legacyLogger = new Slf4jStackLogger();
        try {
            stack = new CorrectedSipStack(stackProperties());
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
            provider.addSipListener(listener);
            installFirstLook();
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
        p.setProperty("javax.sip.ROUTER_PATH", HopRouter.class.getName());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", QuietServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", String.valueOf(settings.threads()));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // 4 MB: a 1 MB buffer holds only some 450 small datagrams on loopback (the kernel counts about
        // 2 kB per datagram), some 30 ms at 7,000 registrations/s, so a scheduling hiccup dropped some.
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", "4194304");
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", "1048576");
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME",
                "gov.nist.javax.sip.stack.timers.ScheduledExecutorSipTimer");
        // Aggressive, not Normal: once a transaction is completed, Normal encodes its request and last
        // response back into bytes (kept so that getRequest() can parse them again), which was 3 % of
        // the CPU of a call and about 3 kB per call held through the linger. Nothing here asks a
        // completed transaction for its request or response: handlers read them while the event is
        // delivered, before the cleanup, and an INVITE transaction keeps its request in every strategy.
        p.setProperty("gov.nist.javax.sip.RELEASE_REFERENCES_STRATEGY", "Aggressive");
        // How long an ended transaction stays in the stack's table (JAIN-SIP's default is 8 s). An
        // answered INVITE's transaction holds the parsed INVITE that long: at 500 calls/s its 4,000
        // such transactions were half the live heap, and the full collections they caused were the
        // p99 of post-dial delay. Repeats need no linger: a UDP request's final response is repeated
        // by its Completed state (timer J, 32 s) and an ACK or 2xx that arrives late is relayed
        // statelessly; an INVITE repeated after its 2xx (only when its 100 Trying was lost) reuses
        // its digest nonce count and is refused as a replay, so it cannot open a second call.
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", "2");
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", BoundedNioProcessorFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", ScreeningParserFactory.class.getName());
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

    /**
     * Shows every UDP datagram to {@code look} before JAIN-SIP parses it (now, or when the
     * listeners start).
     */
    void lookFirstAtUdp(BoundedUdpProcessor.FirstLook look) {
        this.udpFirstLook = look;
        if (provider != null) {
            installFirstLook();
        }
    }

    private void installFirstLook() {
        if (udpFirstLook != null && provider.getListeningPoint("UDP") instanceof gov.nist.javax.sip.ListeningPointImpl lp
                && lp.getMessageProcessor() instanceof BoundedUdpProcessor udp) {
            udp.lookFirst(udpFirstLook);
        }
    }

    /** SIP transactions the stack holds now, server and client, finished ones still absorbing retransmissions included. */
    public int transactions() {
        SipStackImpl s = stack;
        return s == null ? 0 : s.getServerTransactionTableSize() + s.getClientTransactionTableSize();
    }

    public Ports ports() {
        return ports;
    }

    public SipProvider provider() {
        return provider;
    }

    public MessageFactory messages() {
        return messages;
    }

    public HeaderFactory headers() {
        return headers;
    }

    public AddressFactory addresses() {
        return addresses;
    }

    /** The listener for a transport (UDP, TCP, TLS, WS, WSS), or null when that one is off. */
    public ListeningPoint listeningPoint(String transport) {
        return provider.getListeningPoint(transport);
    }

    @Override
    public void close() {
        if (stack != null) {
            try {
                stack.stop();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(SipStack.class).debug("SIP stack stop: {}", e.toString());
            }
            stack = null;
        }
        TlsKeyProvider.unregister(stackId);
    }
}
