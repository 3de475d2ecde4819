package dev.sipyard.media;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media side of the server: hands out {@link MediaStream}s on the configured port range.
 * Four kinds of threads serve every stream: a pacing clock per core (sending, a tick every 20 ms), one
 * selector thread (receiving), a few encode workers (prompts once per clip and codec, bridged
 * audio as it arrives), and virtual threads for callbacks (listeners and futures), so no stream
 * has a thread of its own.
 */
public final class MediaEngine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);
    private final MediaSettings settings;
    private final PortPool ports;
    /**
     * One pacing clock per core (at most {@value #MAX_CLOCKS}), ticking in turn: a tick's work is
     * split between them, so the last stream of a tick waits less behind the others, and a clock
     * delayed by the scheduler delays only its own streams.
     */
    static final int MAX_CLOCKS = 4;
    private final List<PacingClock> clocks;
    private final ReceiveLoop receiveLoop;
    private final ExecutorService callbackThreads;
    private final EncodeWorkers encoders;
    private final EncodedClips encodedClips;
    private final Set<MediaStream> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** @throws IllegalArgumentException when the bind address is not an address of this host's form */
    public MediaEngine(MediaSettings settings) {
        this.settings = settings;
        InetAddress bind;
        try {
            bind = InetAddress.getByName(settings.bindAddress());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("media bind address " + settings.bindAddress() + " is not known");
        }
        this.ports = new PortPool(bind, settings.portMin(), settings.portMax());
        this.callbackThreads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("media-callback-", 0).factory());
        this.encoders = new EncodeWorkers("media-encode");
        this.encodedClips = new EncodedClips(encoders);
        this.receiveLoop = new ReceiveLoop("media-receive");
        int clockCount = Math.max(1, Math.min(MAX_CLOCKS, Runtime.getRuntime().availableProcessors()));
        List<PacingClock> made = new ArrayList<>();
        for (int i = 0; i < clockCount; i++) {
            made.add(new PacingClock("media-clock-" + i, i * PacingClock.TICK_NANOS / clockCount,
                    settings.realtimePriority()));
        }
        this.clocks = List.copyOf(made);
        if (settings.realtimePriority() > 0) {
            logScheduling(settings.realtimePriority());
        }
    }

    /** One line at start: whether the clocks run at real-time priority, and if not, how to allow it. */
    private void logScheduling(int priority) {
        RealtimeScheduling.Outcome refused = null;
        for (PacingClock clock : clocks) {
            RealtimeScheduling.Outcome outcome = clock.scheduling().join();
            if (!outcome.applied()) {
                refused = outcome;
            }
        }
        if (refused == null) {
            log.info("media clocks ({}) run at real-time priority (SCHED_FIFO {})", clocks.size(), priority);
        } else {
            log.warn("media clocks run at normal priority: real-time priority {} was refused ({}); audio timing "
                    + "suffers when the CPUs are busy. Allow it (root, CAP_SYS_NICE, or systemd LimitRTPRIO={} "
                    + "with RestrictRealtime=no) or set SIPYARD_MEDIA_RT_PRIORITY=0", priority, refused.detail(),
                    priority);
        }
    }

    /**
     * A new stream on the next free even port (RTCP on port + 1); it sends nothing before
     * {@link MediaStream#start}.
     */
    public MediaStream open() throws NoPortAvailable {
        if (closed) {
            throw new IllegalStateException("media engine closed");
        }
        MediaStream stream = new MediaStream(this, ports.take(), new SerialCallbacks(callbackThreads));
        streams.add(stream);
        stream.listen();
        return stream;
    }

    /** Streams opened and not yet closed. */
    public int openStreams() {
        return streams.size();
    }

    public MediaSettings settings() {
        return settings;
    }

    /** Closes every stream, then stops the engine's threads. */
    @Override
    public void close() {
        closed = true;
        for (MediaStream stream : new ArrayList<>(streams)) {
            stream.close();
        }
        clocks.forEach(PacingClock::close);
        receiveLoop.close();
        encoders.close();
        callbackThreads.shutdown();
    }

    /** The clock with the fewest streams: a stream keeps it for its whole life. */
    PacingClock assignClock() {
        PacingClock least = clocks.get(0);
        for (PacingClock c : clocks) {
            if (c.size() < least.size()) {
                least = c;
            }
        }
        return least;
    }

    List<PacingClock> clocks() {
        return clocks;
    }

    ReceiveLoop receiveLoop() {
        return receiveLoop;
    }

    EncodeWorkers encoders() {
        return encoders;
    }

    EncodedClips encodedClips() {
        return encodedClips;
    }

    void released(MediaStream stream, int port) {
        ports.release(port);
        streams.remove(stream);
    }

    List<MediaStream> streams() {
        return List.copyOf(streams);
    }
}
