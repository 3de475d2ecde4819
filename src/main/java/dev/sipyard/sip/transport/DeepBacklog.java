package dev.sipyard.sip.transport;

import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;

/**
 * Starts a JAIN-SIP connection listener as the stack does, but with an accept queue of
 * {@value #BACKLOG} (the kernel caps it at {@code net.core.somaxconn}) where the stack asks for
 * Java's default of 50. When many phones connect at once (a restart, a network coming back),
 * 50 fills while TLS handshakes hold the selector, the kernel drops the SYNs past it, and each
 * of those phones waits out its 1, 3, 7 s connect retries; stunnel gave up after 10 s.
 */
final class DeepBacklog {
    static final int BACKLOG = 4096;

    private static final Field SELECTOR = StackInternals.field(NioTcpMessageProcessor.class, "selector");
    private static final Field CHANNEL = StackInternals.field(NioTcpMessageProcessor.class, "channel");
    private static final Field SELECTOR_THREAD = StackInternals.field(NioTcpMessageProcessor.class, "selectorThread");
    private static final Method PROCESSOR_TASK =
            StackInternals.method(NioTcpMessageProcessor.class, "createProcessorTask");

    private DeepBacklog() {}

    /** What {@code NioTcpMessageProcessor.start} does, with the deeper accept queue. */
    static void start(NioTcpMessageProcessor p) throws IOException {
        try {
            Selector selector = Selector.open();
            SELECTOR.set(p, selector);
            ServerSocketChannel channel = ServerSocketChannel.open();
            CHANNEL.set(p, channel);
            channel.configureBlocking(false);
            channel.bind(new InetSocketAddress(p.getIpAddress(), p.getPort()), BACKLOG);
            channel.register(selector, SelectionKey.OP_ACCEPT);
            Thread thread = new Thread((Runnable) PROCESSOR_TASK.invoke(p));
            SELECTOR_THREAD.set(p, thread);
            thread.setName("NioSelector-" + p.getTransport() + '-' + p.getIpAddress().getHostAddress() + '/'
                    + p.getPort());
            thread.start();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JAIN-SIP version starts its listeners differently: " + e, e);
        }
    }
}
