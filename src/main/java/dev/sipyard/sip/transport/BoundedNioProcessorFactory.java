package dev.sipyard.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsMessageProcessor;
import gov.nist.javax.sip.stack.NioTlsWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.NioWebSocketMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JAIN-SIP's message processors with bounds: UDP with a bounded queue ({@link BoundedUdpProcessor}),
 * and the NIO processors with a bound on accepted connections per listener: when a new
 * connection would pass it, the connection idle the longest is closed first. (The stack's own
 * MAX_CONNECTIONS applies only to its blocking processors.) The bound is the stack property
 * {@value #MAX_CONNECTIONS}. Accepted TCP and TLS connections are framed by {@link FramingNioParser};
 * accepted TLS connections answer the peer's close_notify ({@link ClosingTlsChannel}); every
 * connection listener has a deep accept queue ({@link DeepBacklog}).
 */
public final class BoundedNioProcessorFactory extends NioMessageProcessorFactory {
    static final String MAX_CONNECTIONS = "dev.sipyard.MAX_CONNECTIONS";
    private static final Field UDP_FLAG = StackInternals.field(SIPTransactionStack.class, "udpFlag");
    private static final Field NIO_PARSER = StackInternals.field(NioTcpMessageChannel.class, "nioParser");

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress ip, int port,
                                                   String transport) throws IOException {
        java.util.Properties properties = ((SipStackImpl) stack).getConfigurationProperties();
        int max = Integer.parseInt(properties.getProperty(MAX_CONNECTIONS, "4096"));
        Limiter limiter = new Limiter(max);
        MessageProcessor mp = switch (transport.toUpperCase()) {
            case "UDP" -> {
                markUdp(stack);
                yield new BoundedUdpProcessor(ip, stack, port,
                        Integer.parseInt(properties.getProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8")));
            }
            case "TCP" -> new Tcp(ip, stack, port, limiter);
            case "TLS" -> new Tls(ip, stack, port, limiter);
            case "WS" -> new Ws(ip, stack, port, limiter);
            case "WSS" -> new Wss(ip, stack, port, limiter);
            default -> super.createMessageProcessor(stack, ip, port, transport);
        };
        return mp;
    }

    /**
     * What the stock factory does for UDP: tells the stack to answer from the listening socket
     * (else responses leave from a random port and break rport/NAT). The flag is package-private.
     */
    private static void markUdp(SIPTransactionStack stack) {
        try {
            UDP_FLAG.setBoolean(stack, true);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gives an accepted TCP or TLS connection our framing parser ({@link FramingNioParser}); the field is package-private. */
    private static void frame(NioTcpMessageChannel channel, SIPTransactionStack stack) {
        try {
            NIO_PARSER.set(channel, new FramingNioParser(stack, channel, stack.getMaxMessageSize()));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The accepted connections of one listener. */
    static final class Limiter {
        private final int max;
        private final Map<SocketChannel, NioTcpMessageChannel> open = new ConcurrentHashMap<>();

        Limiter(int max) {
            this.max = max;
        }

        synchronized void admit(SocketChannel socket, NioTcpMessageChannel channel) {
            open.keySet().removeIf(s -> !s.isOpen());
            while (open.size() >= max) {
                var idlest = open.entrySet().stream()
                        .min((a, b) -> Long.compare(a.getValue().getLastActivityTimestamp(),
                                b.getValue().getLastActivityTimestamp()))
                        .orElseThrow();
                open.remove(idlest.getKey());
                idlest.getValue().close();
                try {
                    idlest.getKey().close();
                } catch (IOException ignored) {
                    // already gone
                }
            }
            open.put(socket, channel);
        }
    }

    static final class Tcp extends NioTcpMessageProcessor {
        private final Limiter limiter;

        Tcp(InetAddress ip, SIPTransactionStack stack, int port, Limiter limiter) {
            super(ip, stack, port);
            this.limiter = limiter;
        }

        @Override
        public void start() throws IOException {
            DeepBacklog.start(this);
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor p, SocketChannel client)
                throws IOException {
            NioTcpMessageChannel c = super.createMessageChannel(p, client);
            frame(c, sipStack);
            limiter.admit(client, c);
            return c;
        }
    }

    static final class Tls extends NioTlsMessageProcessor {
        private final Limiter limiter;

        Tls(InetAddress ip, SIPTransactionStack stack, int port, Limiter limiter) {
            super(ip, stack, port);
            this.limiter = limiter;
        }

        @Override
        public void start() throws IOException {
            DeepBacklog.start(this);
        }

        /** As the stock processor makes one, but a {@link ClosingTlsChannel}. */
        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor p, SocketChannel client)
                throws IOException {
            NioTcpMessageChannel c = nioHandler.getMessageChannel(client);
            if (c != null) {
                return c;
            }
            c = new ClosingTlsChannel(p, client);
            nioHandler.putMessageChannel(client, c);
            frame(c, sipStack);
            limiter.admit(client, c);
            return c;
        }
    }

    static final class Ws extends NioWebSocketMessageProcessor {
        private final Limiter limiter;

        Ws(InetAddress ip, SIPTransactionStack stack, int port, Limiter limiter) {
            super(ip, stack, port);
            this.transport = "WS";
            this.limiter = limiter;
        }

        @Override
        public void start() throws IOException {
            DeepBacklog.start(this);
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor p, SocketChannel client)
                throws IOException {
            NioTcpMessageChannel c = super.createMessageChannel(p, client);
            limiter.admit(client, c);
            return c;
        }
    }

    static final class Wss extends NioTlsWebSocketMessageProcessor {
        private final Limiter limiter;

        Wss(InetAddress ip, SIPTransactionStack stack, int port, Limiter limiter) {
            super(ip, stack, port);
            this.transport = "WSS";
            this.limiter = limiter;
        }

        @Override
        public void start() throws IOException {
            DeepBacklog.start(this);
        }

        @Override
        public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor p, SocketChannel client)
                throws IOException {
            NioTcpMessageChannel c = super.createMessageChannel(p, client);
            limiter.admit(client, c);
            return c;
        }
    }
}
