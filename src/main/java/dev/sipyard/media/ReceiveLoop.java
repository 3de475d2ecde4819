package dev.sipyard.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread receiving for every stream. Work per wake-up is bounded: at most
 * {@link #MAX_PER_CHANNEL} datagrams are read from a channel before the next channel gets its
 * turn (a flooded socket cannot starve the others; what it leaves behind waits in its socket
 * buffer, and the kernel drops what does not fit).
 */
final class ReceiveLoop implements AutoCloseable {
    /** Handles one datagram; called on the selector thread only, must not block. */
    interface Receiver {
        void onDatagram(boolean rtcpPort, byte[] data, int length, InetSocketAddress from, long nowNanos);
    }

    static final int MAX_PER_CHANNEL = 16;
    static final int MAX_DATAGRAM = 2048;
    private static final Logger log = LoggerFactory.getLogger(ReceiveLoop.class);

    private record Endpoint(Receiver receiver, boolean rtcpPort) {
    }

    private final OccasionalWarning datagramFailed = new OccasionalWarning(log, "media: handling a datagram failed");
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final byte[] data = new byte[MAX_DATAGRAM];
    private final ByteBuffer buffer = ByteBuffer.wrap(data);
    private final Thread thread;
    private volatile boolean running = true;

    ReceiveLoop(String name) {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for media", e);
        }
        thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
        thread.setPriority(Thread.MAX_PRIORITY - 1);
        thread.start();
    }

    void register(DatagramChannel channel, Receiver receiver, boolean rtcpPort) {
        submit(() -> {
            try {
                channel.register(selector, SelectionKey.OP_READ, new Endpoint(receiver, rtcpPort));
            } catch (IOException | RuntimeException e) {
                // a channel closed before it was registered: nothing to receive
            }
        });
    }

    /**
     * Deregisters and closes the channels on the selector thread, so that their ports are really
     * free (a registered channel keeps its socket until the selector deregisters it) when the
     * returned future completes.
     */
    CompletableFuture<Void> closeChannels(DatagramChannel... channels) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable close = () -> {
            for (DatagramChannel channel : channels) {
                SelectionKey key = channel.keyFor(selector);
                if (key != null) {
                    key.cancel();
                }
            }
            try {
                selector.selectNow(); // flushes the cancelled keys
            } catch (IOException | ClosedSelectorException ignored) {
                // closing anyway
            }
            for (DatagramChannel channel : channels) {
                PortPool.closeQuietly(channel);
            }
            done.complete(null);
        };
        if (!running || !thread.isAlive()) {
            for (DatagramChannel channel : channels) {
                PortPool.closeQuietly(channel);
            }
            done.complete(null);
        } else {
            submit(close);
        }
        return done;
    }

    private void submit(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                selector.select(1_000);
                runTasks();
                readReady();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (running) {
                log.warn("media receive loop stopped: {}", e.toString());
            }
        } finally {
            runTasks();
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    private void readReady() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid()) {
                drain((DatagramChannel) key.channel(), (Endpoint) key.attachment());
            }
        }
    }

    private void drain(DatagramChannel channel, Endpoint endpoint) {
        for (int i = 0; i < MAX_PER_CHANNEL; i++) {
            SocketAddress from;
            buffer.clear();
            try {
                from = channel.receive(buffer);
            } catch (IOException e) {
                return; // e.g. closed meanwhile, or an ICMP error reported on the socket
            }
            if (from == null) {
                return;
            }
            try {
                endpoint.receiver().onDatagram(endpoint.rtcpPort(), data, buffer.position(),
                        (InetSocketAddress) from, System.nanoTime());
            } catch (RuntimeException e) {
                datagramFailed.warn(e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // shutting down
        }
    }
}
