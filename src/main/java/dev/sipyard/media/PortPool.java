package dev.sipyard.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * The even RTP ports of the configured range (RTCP on port + 1). A port taken by another process
 * is skipped; released ports go to the back of the queue, so a just-closed port is reused last
 * (late packets of the old call are less likely to reach a new one).
 */
final class PortPool {
    /** The two bound, non-blocking sockets of one stream. */
    record Bound(int port, DatagramChannel rtp, DatagramChannel rtcp) {
    }

    private static final int RECEIVE_BUFFER = 64 * 1024;

    private final InetAddress bindAddress;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private final int capacity;
    private final String range;

    PortPool(InetAddress bindAddress, int portMin, int portMax) {
        this.bindAddress = bindAddress;
        this.range = portMin + "-" + portMax;
        for (int port = firstEven(portMin); port + 1 <= portMax; port += 2) {
            free.add(port);
        }
        this.capacity = free.size();
    }

    static int firstEven(int port) {
        return (port & 1) == 0 ? port : port + 1;
    }

    int capacity() {
        return capacity;
    }

    synchronized int available() {
        return free.size();
    }

    /** Binds the next free pair; tries each free port at most once. */
    Bound take() throws NoPortAvailable {
        int attempts;
        synchronized (this) {
            attempts = free.size();
        }
        for (int i = 0; i < attempts; i++) {
            Integer port;
            synchronized (this) {
                port = free.poll();
            }
            if (port == null) {
                break;
            }
            Bound bound = bind(port);
            if (bound != null) {
                return bound;
            }
            release(port);
        }
        throw new NoPortAvailable("no free media port in " + range + " (" + capacity + " port pairs, all in use)");
    }

    synchronized void release(int port) {
        free.addLast(port);
    }

    private Bound bind(int port) {
        DatagramChannel rtp = null;
        DatagramChannel rtcp = null;
        try {
            rtp = open(port);
            rtcp = open(port + 1);
            return new Bound(port, rtp, rtcp);
        } catch (IOException e) {
            closeQuietly(rtp);
            closeQuietly(rtcp);
            return null;
        }
    }

    private DatagramChannel open(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER);
            channel.bind(new InetSocketAddress(bindAddress, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
    }
}
