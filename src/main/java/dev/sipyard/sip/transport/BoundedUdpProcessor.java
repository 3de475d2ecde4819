package dev.sipyard.sip.transport;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageChannel;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JAIN-SIP's UDP listener with a bounded queue. The stock one queues every datagram in its own
 * 64 kB buffer on an unbounded queue, so a flood (or plain overload) exhausts the heap. Here each
 * queued datagram is cut to its own size, and past {@value #MAX_QUEUED} waiting datagrams new ones
 * are dropped: senders retransmit, as after any loss. The worker that takes a datagram knows where
 * it came from ({@link #answerCurrentSender}), so a request the stack cannot parse can be answered
 * by {@link ScreeningParserFactory} instead of by the stack's own verbose 400. A {@link FirstLook}
 * (the lean REGISTER path) sees each datagram on the worker thread before JAIN-SIP parses it and
 * may keep it; every datagram it leaves reaches JAIN-SIP unchanged.
 */
final class BoundedUdpProcessor extends UDPMessageProcessor {
    static final int MAX_QUEUED = 5000;
    private static final AtomicLong DROPPED = new AtomicLong();
    /** The datagram the current worker thread is handling, and the listener it came in on. */
    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();

    private record Current(BoundedUdpProcessor processor, SocketAddress sender) {}

    /** Looks at a received datagram before JAIN-SIP does. */
    interface FirstLook {
        /**
         * True when this took the datagram (and answers it); false to leave it to JAIN-SIP.
         * Must not throw.
         */
        boolean take(DatagramPacket packet, DatagramSocket socket, InetAddress localAddress, int localPort);
    }

    private volatile FirstLook firstLook;

    private final int workers;

    /** @param workers the stack's UDP worker threads (its THREAD_POOL_SIZE) */
    BoundedUdpProcessor(InetAddress ip, SIPTransactionStack stack, int port, int workers) throws IOException {
        super(ip, stack, port);
        this.workers = workers;
        this.messageQueue = new ShrinkingQueue(this);
    }

    /**
     * JAIN-SIP's reader loop, receiving every datagram into one buffer: the stock loop allocates a
     * new buffer of the maximum message size (16 kB) for each datagram, most of the garbage of a
     * REGISTER. {@link ShrinkingQueue#offer} copies each datagram out at its own size before the
     * next receive.
     */
    @Override
    public void run() {
        LinkedList<UdpWorker> channels = new LinkedList<>();
        String name = ((SipStackImpl) sipStack).getStackName() + "-UDPMessageChannelThread-";
        for (int i = 0; i < workers; i++) {
            channels.add(new UdpWorker(sipStack, this, name + i));
        }
        messageChannels = channels;
        byte[] buffer = new byte[getMaximumMessageSize()];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                packet.setData(buffer);
                sock.receive(packet);
                messageQueue.offer(new DatagramQueuedMessageDispatch(packet, System.currentTimeMillis()));
            } catch (IOException e) {
                if (!isRunning) {
                    return; // stop() closed the socket
                }
                // an ICMP error reported on the socket, or a timeout: keep reading
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(BoundedUdpProcessor.class).warn("UDP receive failed: {}",
                        e.toString());
            }
        }
    }

    /** A stock UDP worker thread, which takes queued datagrams and parses them (its constructor is protected). */
    private static final class UdpWorker extends UDPMessageChannel {
        UdpWorker(SIPTransactionStack stack, UDPMessageProcessor processor, String threadName) {
            super(stack, processor, threadName);
        }
    }

    /** Shows every datagram received from now on to {@code look} before JAIN-SIP. */
    void lookFirst(FirstLook look) {
        this.firstLook = look;
    }

    /** True when the first look took the datagram. */
    private boolean takenFirst(DatagramQueuedMessageDispatch d) {
        FirstLook look = firstLook;
        if (look == null) {
            return false;
        }
        try {
            return look.take(d.packet, sock, getIpAddress(), getPort());
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(BoundedUdpProcessor.class).warn("a datagram's first look failed: {}",
                    e.toString());
            return false;
        }
    }

    /**
     * Sends {@code bytes} from the listening socket to the source of the datagram this worker
     * thread is handling; false when this thread is handling none.
     */
    static boolean answerCurrentSender(byte[] bytes) {
        Current c = CURRENT.get();
        if (c == null) {
            return false;
        }
        try {
            c.processor().sock.send(new DatagramPacket(bytes, bytes.length, c.sender()));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Datagrams dropped because the workers were behind (all listeners of this JVM). */
    static long dropped() {
        return DROPPED.get();
    }

    private static final class ShrinkingQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
        private final transient BoundedUdpProcessor processor;

        ShrinkingQueue(BoundedUdpProcessor processor) {
            super(MAX_QUEUED);
            this.processor = processor;
        }

        // The stock workers call take() or poll(timeout) and then parse what they got on the same thread.
        // A datagram the first look takes is not returned: the worker takes the next one (or, after
        // poll, gets null and polls again, as after a timeout).
        @Override
        public DatagramQueuedMessageDispatch take() throws InterruptedException {
            while (true) {
                DatagramQueuedMessageDispatch d = super.take();
                if (!processor.takenFirst(d)) {
                    return handing(d);
                }
            }
        }

        @Override
        public DatagramQueuedMessageDispatch poll(long timeout, TimeUnit unit) throws InterruptedException {
            DatagramQueuedMessageDispatch d = super.poll(timeout, unit);
            return handing(d != null && processor.takenFirst(d) ? null : d);
        }

        private DatagramQueuedMessageDispatch handing(DatagramQueuedMessageDispatch d) {
            if (d == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(new Current(processor, d.packet.getSocketAddress()));
            }
            return d;
        }

        @Override
        public boolean offer(DatagramQueuedMessageDispatch d) {
            DatagramPacket p = d.packet;
            byte[] exact = Arrays.copyOfRange(p.getData(), p.getOffset(), p.getOffset() + p.getLength());
            d.packet = new DatagramPacket(exact, exact.length, p.getSocketAddress());
            boolean queued = super.offer(d);
            if (!queued) {
                DROPPED.incrementAndGet();
            }
            return queued;
        }
    }
}
