package dev.sipyard.sip.transport;

import gov.nist.javax.sip.stack.DatagramQueuedMessageDispatch;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.stack.UDPMessageProcessor;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JAIN-SIP's UDP listener with a bounded queue. The stock one queues every datagram in its own
 * 64 kB buffer on an unbounded queue, so a flood (or plain overload) exhausts the heap. Here each
 * queued datagram is cut to its own size, and past {@value #MAX_QUEUED} waiting datagrams new ones
 * are dropped: senders retransmit, as after any loss.
 */
final class BoundedUdpProcessor extends UDPMessageProcessor {
    static final int MAX_QUEUED = 5000;
    private static final AtomicLong DROPPED = new AtomicLong();

    BoundedUdpProcessor(InetAddress ip, SIPTransactionStack stack, int port) throws IOException {
        super(ip, stack, port);
        this.messageQueue = new ShrinkingQueue();
    }

    /** Datagrams dropped because the workers were behind (all listeners of this JVM). */
    static long dropped() {
        return DROPPED.get();
    }

    private static final class ShrinkingQueue extends LinkedBlockingQueue<DatagramQueuedMessageDispatch> {
        ShrinkingQueue() {
            super(MAX_QUEUED);
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
