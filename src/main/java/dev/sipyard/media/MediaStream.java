package dev.sipyard.media;

import dev.sipyard.media.audio.AudioClip;
import dev.sipyard.media.codec.AudioCodec;
import dev.sipyard.media.codec.Codecs;
import dev.sipyard.media.rtp.Rtcp;
import dev.sipyard.media.rtp.RtpPacket;
import dev.sipyard.media.rtp.TelephoneEvent;
import dev.sipyard.media.sdp.Negotiation;
import dev.sipyard.media.srtp.SdesCrypto;
import dev.sipyard.media.srtp.SrtpContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call leg's audio: an RTP/RTCP port pair, what is sent to the peer (a packet every 20 ms
 * from the engine's clock: digits, else the current playback, else bridged audio, else silence)
 * and what is received from it (digits, recordings, bridged audio).
 *
 * <p>The clock never encodes: it only copies payloads made beforehand. Clips are encoded once per
 * clip and codec for every stream ({@link EncodedClips}), bridged audio as it arrives
 * ({@link BridgeEncoder}), both on the engine's encode workers; in-band digits on the thread
 * that sends them; silence once per codec ({@link SilenceFrames}).
 *
 * <p>Symmetric RTP: until the first accepted packet arrives we send to the SDP address. Packets
 * are accepted only from the SDP connection address or the signalling source address; the first
 * accepted packet latches its address and port, which are then the only source accepted and
 * where we send. Everything else (wrong source, malformed, SRTP failures, payload types not
 * negotiated, a flood beyond {@link #FLOOD_PACKETS} per {@link #FLOOD_WINDOW_NANOS}) is counted
 * in {@link #stats()} and dropped.
 *
 * <p>All methods are thread-safe. Listeners and futures run on the engine's callback threads,
 * one at a time per stream and in order, never on the clock or receive thread.
 */
public final class MediaStream implements AutoCloseable {
    static final int FLOOD_PACKETS = 100;
    static final long FLOOD_WINDOW_NANOS = 200_000_000L;
    static final int DIGIT_BURST = 20;
    static final long DIGIT_INTERVAL_NANOS = 50_000_000L;
    static final int SENDER_REPORT_TICKS = 250;
    static final Duration DEFAULT_MAX_RECORDING = Duration.ofHours(1);
    private static final int MAX_PACKET = 1500;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Object BRIDGES = new Object();
    private static final Logger log = LoggerFactory.getLogger(MediaStream.class);

    /** What start/update negotiated; replaced as a whole. */
    private record Session(Negotiation negotiation, String signallingSourceIp, AudioCodec encoder,
                           AudioCodec decoder, SrtpContext protect, SrtpContext unprotect,
                           Set<InetAddress> acceptedSources, int frameTicks, byte[] silence) {
    }

    private final MediaEngine engine;
    private final PortPool.Bound ports;
    private final SerialCallbacks callbacks;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object control = new Object();
    private volatile Session session;

    private final PlaybackQueue playback = new PlaybackQueue();
    private final OutgoingDigits outgoingDigits = new OutgoingDigits();
    private final BridgeBuffer bridgeIn = new BridgeBuffer();
    private final BridgeEncoder bridgeEncoder;
    private final List<Recorder> recorders = new CopyOnWriteArrayList<>();
    private final List<Consumer<Character>> digitListeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> timeoutListeners = new CopyOnWriteArrayList<>();
    private final DigitRateLimit digitLimit = new DigitRateLimit(DIGIT_BURST, DIGIT_INTERVAL_NANOS);
    private volatile MediaStream bridged;
    /** The engine's clock that sends this stream's packets, from its start on (guarded by control). */
    private PacingClock clock;
    /** What the clock ticks; one instance so that removing it finds it. */
    private final PacingClock.Ticked ticked = this::tick;

    // sending state: the clock thread only
    private long ssrc;
    private int sequence;
    private long timestamp;
    private int sendingFrameTicks;
    private boolean marker = true;
    private long eventTimestamp;
    private int ticksToReport;
    private long payloadOctetsSent;
    private final byte[] packet = new byte[MAX_PACKET];
    private final List<PlaybackQueue.Item> finished = new ArrayList<>();

    // receiving state: the selector thread only
    private final PacketBudget budget = new PacketBudget(FLOOD_PACKETS, FLOOD_WINDOW_NANOS);
    private final IncomingDigits incomingDigits = new IncomingDigits();
    /** The last packet's audio (selector thread only), given back to the decoder to fill again. */
    private short[] decoded;
    private final ReceptionStats reception = new ReceptionStats();
    private volatile InetSocketAddress latched;
    private volatile long lastRtpNanos;
    private volatile boolean timeoutFired;

    // counters, each written by one thread (sent: clock; received: selector)
    private volatile long packetsSent;
    private volatile long bytesSent;
    private volatile long packetsReceived;
    private volatile long bytesReceived;
    private volatile long rtcpReceived;
    private volatile long wrongSource;
    private volatile long malformed;
    private volatile long srtpFailures;
    private volatile long wrongPayloadType;
    private volatile long floodDropped;
    private final AtomicLong digitsDropped = new AtomicLong();

    MediaStream(MediaEngine engine, PortPool.Bound ports, SerialCallbacks callbacks) {
        this.engine = engine;
        this.ports = ports;
        this.callbacks = callbacks;
        this.bridgeEncoder = new BridgeEncoder(engine.encoders(), bridgeIn);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextLong(1L << 32);
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextLong(1L << 32);
        this.ticksToReport = random.nextInt(SENDER_REPORT_TICKS) + 1;
    }

    /** The local RTP port (even; RTCP is this + 1). */
    public int localPort() {
        return ports.port();
    }

    /**
     * Starts sending and receiving as negotiated. {@code signallingSourceIp} (the address the
     * SIP request came from) is accepted as an RTP source besides the SDP address (NAT). Calling
     * it again acts as {@link #update}, with the new signalling address.
     *
     * @throws IllegalArgumentException when the codec or SRTP suite cannot be used
     */
    public void start(Negotiation n, String signallingSourceIp) {
        Objects.requireNonNull(n, "negotiation");
        synchronized (control) {
            if (closed.get()) {
                return;
            }
            apply(n, signallingSourceIp);
            if (clock == null) {
                clock = engine.assignClock();
            }
            clock.add(ticked);
        }
    }

    /**
     * A new offer/answer (re-INVITE): codec, payload types, address, keys and direction may all
     * change. A new remote address or new keys re-open latching; a new PCM rate interrupts the
     * playback and digits in progress. Before {@link #start} it does nothing.
     */
    public void update(Negotiation n) {
        Objects.requireNonNull(n, "negotiation");
        synchronized (control) {
            Session current = session;
            if (closed.get() || current == null) {
                return;
            }
            apply(n, current.signallingSourceIp());
        }
    }

    private void apply(Negotiation n, String signallingSourceIp) {
        ColdStart.codec(n.codec());
        if (n.encrypted()) {
            ColdStart.srtp(n.localCrypto().suite());
            ColdStart.srtp(n.remoteCrypto().suite());
        }
        Session previous = session;
        AudioCodec encoder;
        AudioCodec decoder;
        if (previous != null && previous.negotiation().codec().equalsIgnoreCase(n.codec())) {
            encoder = previous.encoder();
            decoder = previous.decoder();
        } else {
            encoder = Codecs.create(n.codec());
            decoder = Codecs.create(n.codec());
        }
        boolean sameKeys = previous != null && sameCrypto(previous.negotiation(), n);
        SrtpContext protect = null;
        SrtpContext unprotect = null;
        if (n.encrypted()) {
            if (sameKeys && previous.protect() != null) {
                protect = previous.protect();
                unprotect = previous.unprotect();
            } else {
                // one context per direction: the clock protects while the selector unprotects
                protect = SrtpContext.of(n.localCrypto(), n.remoteCrypto());
                unprotect = SrtpContext.of(n.localCrypto(), n.remoteCrypto());
            }
        }
        Set<InetAddress> accepted = new HashSet<>();
        if (n.remoteRtp() != null && n.remoteRtp().getAddress() != null) {
            accepted.add(n.remoteRtp().getAddress());
        }
        InetAddress signalling = literal(signallingSourceIp);
        if (signalling != null) {
            accepted.add(signalling);
        }
        int frameTicks = encoder.rtpClockRate() / 50;
        Session next = new Session(n, signallingSourceIp, encoder, decoder, protect, unprotect,
                Set.copyOf(accepted), frameTicks, SilenceFrames.of(encoder.name()));

        boolean rateChanged = previous == null
                || previous.encoder().payloadSampleRate() != encoder.payloadSampleRate();
        if (previous == null || !Objects.equals(previous.negotiation().remoteRtp(), n.remoteRtp()) || !sameKeys) {
            latched = null;
        }
        if (previous == null || previous.encoder() != encoder) {
            bridgeIn.reset(encoder);
        }
        if (rateChanged && previous != null) {
            interruptPlayback(playback.removeAll());
            completeDigits(outgoingDigits.clear());
        } else if (previous != null && previous.encoder() != encoder) { // PCMU <-> PCMA: same frames
            playback.reencode(clip -> engine.encodedClips().get(clip, encoder.name()));
            outgoingDigits.reencode(Codecs.create(encoder.name()));
        }
        lastRtpNanos = System.nanoTime();
        timeoutFired = false;
        session = next;
    }

    private static boolean sameCrypto(Negotiation a, Negotiation b) {
        return sameKey(a.localCrypto(), b.localCrypto()) && sameKey(a.remoteCrypto(), b.remoteCrypto());
    }

    private static boolean sameKey(SdesCrypto a, SdesCrypto b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.suite().equals(b.suite()) && Arrays.equals(a.keySalt(), b.keySalt());
    }

    /** An IP literal as an address, without ever asking DNS; null for anything else. */
    private static InetAddress literal(String ip) {
        if (ip == null || ip.isBlank()) {
            return null;
        }
        String text = ip.strip();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        if (!IPV4.matcher(text).matches() && !text.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /**
     * Plays the clips one after another (any sample rate: each is converted to the codec's rate
     * and encoded once for all streams, and cached while the clip is kept; each clip starts on a
     * frame of its own). Playbacks queue behind the one playing. Completes when the last frame was
     * sent, or with {@code interrupted} when stopped (stopPlayback, a received digit when
     * {@code stopOnKey}, a codec rate change, close). Fails with IllegalStateException before
     * {@link #start}.
     */
    public CompletableFuture<PlaybackEnd> play(List<AudioClip> clips, boolean stopOnKey) {
        CompletableFuture<PlaybackEnd> done = new CompletableFuture<>();
        synchronized (control) { // the clips are encoded for the codec they are queued under
            Session s = session;
            if (closed.get()) {
                done.complete(new PlaybackEnd(true));
                return done;
            }
            if (s == null) {
                done.completeExceptionally(new IllegalStateException("media stream not started"));
                return done;
            }
            List<AudioClip> sources = new ArrayList<>(clips.size());
            List<EncodedClip> encoded = new ArrayList<>(clips.size());
            for (AudioClip clip : clips) {
                EncodedClip e = engine.encodedClips().get(clip, s.encoder().name());
                if (e.length() > 0) {
                    sources.add(clip);
                    encoded.add(e);
                }
            }
            if (sources.isEmpty()) {
                done.complete(new PlaybackEnd(false));
                return done;
            }
            playback.add(new PlaybackQueue.Item(List.copyOf(sources), List.copyOf(encoded), stopOnKey, done));
        }
        return done;
    }

    /** Stops the playing and the queued playbacks (their futures complete as interrupted). */
    public void stopPlayback() {
        interruptPlayback(playback.removeAll());
    }

    /**
     * Sends DTMF digits ({@code 0-9 * # A-D}; {@code w} pauses 500 ms; anything else is skipped)
     * as RFC 4733 events when telephone-event was negotiated, else as in-band tones. Digits take
     * precedence over playback and bridged audio while they are sent. Completes after the last
     * one was sent, or when the stream closes or changes its codec rate. Fails with
     * IllegalStateException before {@link #start}.
     */
    public CompletableFuture<Void> sendDigits(String digits) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (control) { // in-band tones are encoded for the codec they are queued under
            Session s = session;
            if (closed.get()) {
                done.complete(null);
                return done;
            }
            if (s == null) {
                done.completeExceptionally(new IllegalStateException("media stream not started"));
                return done;
            }
            boolean rfc4733 = s.negotiation().telephoneEventPt() >= 0;
            List<OutgoingDigits.Step> steps = OutgoingDigits.expand(digits == null ? "" : digits, rfc4733,
                    s.encoder().payloadSampleRate(), s.encoder().frameSamples());
            if (!rfc4733) {
                OutgoingDigits.encode(steps, Codecs.create(s.encoder().name()));
            }
            outgoingDigits.add(steps, done);
        }
        return done;
    }

    /** Adds a listener for received digits (RFC 4733 and {@link #injectDigit}), one call per key press. */
    public void onDigit(Consumer<Character> listener) {
        digitListeners.add(Objects.requireNonNull(listener));
    }

    /** A digit that arrived another way (SIP INFO): handled like a received RFC 4733 digit. */
    public void injectDigit(char digit) {
        char normalised = Character.toUpperCase(digit);
        if (TelephoneEvent.event(normalised) >= 0 && !closed.get()) {
            digitReceived(normalised, System.nanoTime());
        }
    }

    /** Starts recording the caller's audio, at most one hour. Fails with IllegalStateException before start. */
    public Recorder record() {
        return record(DEFAULT_MAX_RECORDING);
    }

    /** Starts recording the caller's audio, at most {@code maxLength}. */
    public Recorder record(Duration maxLength) {
        Session s = session;
        if (s == null) {
            throw new IllegalStateException("media stream not started");
        }
        int rate = s.decoder().payloadSampleRate();
        long maxSamples = Math.max(1, Math.min(maxLength.toMillis(), DEFAULT_MAX_RECORDING.toMillis()) * rate / 1000);
        Recorder recorder = new Recorder(rate, s.decoder().rtpClockRate(), maxSamples, System.nanoTime(),
                engine.settings().recordingSpool());
        if (!closed.get()) {
            recorders.add(recorder);
        }
        return recorder;
    }

    /** Adds a listener called once no accepted RTP arrived for the engine's rtpTimeout (again after RTP resumed). */
    public void onMediaTimeout(Runnable listener) {
        timeoutListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * Connects the audio of two streams both ways: what each receives is sent by the other
     * (converted when their PCM rates differ). Replaces earlier bridges of either stream.
     * Playback and digits still take precedence over bridged audio.
     */
    public void bridge(MediaStream other) {
        if (other == this) {
            throw new IllegalArgumentException("a stream cannot be bridged to itself");
        }
        synchronized (BRIDGES) {
            unbridgeLocked();
            other.unbridgeLocked();
            this.bridged = other;
            other.bridged = this;
        }
    }

    /** Ends the bridge (both ways); nothing happens when not bridged. */
    public void unbridge() {
        synchronized (BRIDGES) {
            unbridgeLocked();
        }
    }

    private void unbridgeLocked() {
        MediaStream other = bridged;
        bridged = null;
        if (other != null && other.bridged == this) {
            other.bridged = null;
        }
    }

    /** A snapshot of the counters. */
    public MediaStats stats() {
        return new MediaStats(packetsSent, bytesSent, packetsReceived, bytesReceived, rtcpReceived, wrongSource,
                malformed, srtpFailures, wrongPayloadType, floodDropped, reception.late(), reception.lost(),
                reception.jitterMillis());
    }

    /** The address packets are accepted from and sent to once latched; null before. */
    public InetSocketAddress latchedSource() {
        return latched;
    }

    /** Stops sending and receiving, releases the ports (idempotent). Pending futures complete. */
    @Override
    public void close() {
        synchronized (control) { // after this, play and sendDigits see the stream closed
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            if (clock != null) {
                clock.remove(ticked);
            }
        }
        unbridge();
        interruptPlayback(playback.removeAll());
        completeDigits(outgoingDigits.clear());
        recorders.clear();
        CompletableFuture<Void> released = engine.receiveLoop().closeChannels(ports.rtp(), ports.rtcp())
                .whenComplete((ok, error) -> engine.released(this, ports.port()));
        try {
            released.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("media stream {}: its sockets were not closed in time", ports.port());
        }
        if (log.isDebugEnabled()) {
            log.debug("media stream {} closed: {}, digits dropped {}", ports.port(), stats(), digitsDropped.get());
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Chunks of bridged audio dropped because the encode workers were behind (diagnostics, benchmarks). */
    long bridgedChunksDropped() {
        return bridgeEncoder.dropped();
    }

    void listen() {
        engine.receiveLoop().register(ports.rtp(), this::onDatagram, false);
        engine.receiveLoop().register(ports.rtcp(), this::onDatagram, true);
    }

    // ---- sending (clock thread) ----

    private void tick(long now) {
        Session s = session;
        if (s == null || closed.get()) {
            return;
        }
        checkMediaTimeout(s, now);
        if (s.frameTicks() != sendingFrameTicks) {
            if (sendingFrameTicks != 0) { // a new clock rate: a new RTP source
                ssrc = ThreadLocalRandom.current().nextLong(1L << 32);
                timestamp = ThreadLocalRandom.current().nextLong(1L << 32);
                marker = true;
            }
            sendingFrameTicks = s.frameTicks();
        }
        Negotiation n = s.negotiation();
        int payloadType = n.payloadType();
        long packetTimestamp = timestamp;
        boolean packetMarker = marker;
        byte[] payload;
        OutgoingDigits.Step step = outgoingDigits.next();
        if (step != null && step.kind == OutgoingDigits.Kind.EVENT && n.telephoneEventPt() >= 0) {
            if (step.first) {
                eventTimestamp = timestamp;
            }
            payloadType = n.telephoneEventPt();
            packetTimestamp = eventTimestamp;
            packetMarker = step.first;
            int duration = Math.min(0xFFFF, step.durationFrames * s.frameTicks());
            payload = new TelephoneEvent(step.event, step.end, OutgoingDigits.VOLUME, duration).toBytes();
        } else {
            payload = nextAudio(step, s.silence());
        }
        if (step != null && step.completes != null) {
            CompletableFuture<Void> done = step.completes;
            callbacks.submit(() -> done.complete(null));
        }
        if (n.sends()) {
            InetSocketAddress target = latched != null ? latched : n.remoteRtp();
            if (send(s, target, payloadType, packetMarker, packetTimestamp, payload)) {
                marker = false;
            }
            if (--ticksToReport <= 0) {
                ticksToReport = SENDER_REPORT_TICKS;
                sendReport(s, target);
            }
        }
        timestamp = (timestamp + s.frameTicks()) & 0xFFFFFFFFL;
    }

    /** The payload of this tick when it is not an RFC 4733 event: digits, playback, bridged audio or silence. */
    private byte[] nextAudio(OutgoingDigits.Step step, byte[] silence) {
        if (step != null) {
            return step.payload != null ? step.payload : silence;
        }
        byte[] played = playback.next(finished);
        for (PlaybackQueue.Item item : finished) {
            callbacks.submit(() -> item.done.complete(new PlaybackEnd(false)));
        }
        finished.clear();
        if (played != null) {
            return played == PlaybackQueue.WAITING ? silence : played;
        }
        byte[] bridgedAudio = bridgeIn.read();
        return bridgedAudio != null ? bridgedAudio : silence;
    }

    private boolean send(Session s, InetSocketAddress target, int payloadType, boolean mark, long ts, byte[] payload) {
        if (RtpPacket.HEADER_LENGTH + payload.length > MAX_PACKET) {
            return false;
        }
        int length = new RtpPacket(payloadType, mark, sequence, ts, ssrc, payload).writeTo(packet, 0);
        byte[] wire = packet;
        if (s.protect() != null) {
            wire = s.protect().protectRtp(packet, 0, length);
            if (wire == null) {
                return false;
            }
            length = wire.length;
        }
        sequence = (sequence + 1) & 0xFFFF;
        try {
            if (ports.rtp().send(ByteBuffer.wrap(wire, 0, length), target) > 0) {
                packetsSent++;
                bytesSent += length;
                payloadOctetsSent += payload.length;
            }
        } catch (IOException | RuntimeException e) {
            // closed meanwhile, or the network refused this one: the next tick tries again
        }
        return true;
    }

    private void sendReport(Session s, InetSocketAddress rtpTarget) {
        byte[] report = Rtcp.senderReport(ssrc, System.currentTimeMillis(), timestamp, packetsSent, payloadOctetsSent);
        if (s.protect() != null) {
            report = s.protect().protectRtcp(report, 0, report.length);
            if (report == null) {
                return;
            }
        }
        try {
            ports.rtcp().send(ByteBuffer.wrap(report), new InetSocketAddress(rtpTarget.getAddress(),
                    rtpTarget.getPort() + 1 > 65535 ? rtpTarget.getPort() : rtpTarget.getPort() + 1));
        } catch (IOException | RuntimeException e) {
            // best effort
        }
    }

    private void checkMediaTimeout(Session s, long now) {
        long timeout = engine.settings().rtpTimeout().toNanos();
        if (timeout <= 0 || timeoutFired || !s.negotiation().receives() || now - lastRtpNanos < timeout) {
            return;
        }
        timeoutFired = true;
        for (Runnable listener : timeoutListeners) {
            callbacks.submit(listener);
        }
    }

    // ---- receiving (selector thread) ----

    private void onDatagram(boolean rtcpPort, byte[] data, int length, InetSocketAddress from, long now) {
        Session s = session;
        if (s == null || closed.get()) {
            return;
        }
        if (!acceptedSource(s, from, rtcpPort)) {
            wrongSource++;
            return;
        }
        if (!budget.take(now)) { // after the source check: a flood from elsewhere cannot starve the caller
            floodDropped++;
            return;
        }
        if (rtcpPort || Rtcp.isRtcp(data, 0, length)) {
            rtcpReceived++;
            return;
        }
        byte[] clear = data;
        int clearLength = length;
        if (s.unprotect() != null) {
            clear = s.unprotect().unprotectRtp(data, 0, length);
            if (clear == null) {
                srtpFailures++;
                return;
            }
            clearLength = clear.length;
        }
        RtpPacket rtp = RtpPacket.parse(clear, 0, clearLength);
        if (rtp == null) {
            malformed++;
            return;
        }
        if (latched == null) {
            latched = from;
        }
        packetsReceived++;
        bytesReceived += length;
        lastRtpNanos = now;
        timeoutFired = false;
        reception.sequence(rtp.ssrc(), rtp.sequence());
        Negotiation n = s.negotiation();
        if (rtp.payloadType() == n.telephoneEventPt()) {
            receivedEvent(rtp, now);
        } else if (rtp.payloadType() == n.payloadType()) {
            reception.transit(rtp.timestamp(), now, n.clockRate());
            receivedAudio(s, rtp, now);
        } else {
            wrongPayloadType++;
        }
    }

    private boolean acceptedSource(Session s, InetSocketAddress from, boolean rtcpPort) {
        InetSocketAddress source = latched;
        if (source != null) {
            return rtcpPort ? source.getAddress().equals(from.getAddress()) : source.equals(from);
        }
        return s.acceptedSources().contains(from.getAddress());
    }

    private void receivedEvent(RtpPacket rtp, long now) {
        TelephoneEvent event = TelephoneEvent.parse(rtp.payload());
        if (event == null) {
            malformed++;
            return;
        }
        char digit = incomingDigits.onPacket(rtp.ssrc(), rtp.timestamp(), rtp.marker(), event);
        if (digit != 0) {
            digitReceived(digit, now);
        }
    }

    private void receivedAudio(Session s, RtpPacket rtp, long now) {
        byte[] payload = rtp.payload();
        short[] pcm = s.decoder().decode(payload, 0, payload.length, decoded);
        if (pcm == null || pcm.length == 0) {
            return;
        }
        decoded = pcm; // filled again by the next packet: recorders copy what they keep
        int rate = s.decoder().payloadSampleRate();
        for (Recorder recorder : recorders) {
            if (recorder.sampleRate() == rate && !recorder.accept(rtp.ssrc(), rtp.timestamp(), pcm, pcm.length, now)) {
                recorders.remove(recorder);
            }
        }
        MediaStream other = bridged;
        Session otherSession = other == null ? null : other.session;
        if (otherSession != null) {
            other.bridgeEncoder.offer(pcm.clone(), rate, otherSession.encoder()); // queued: a copy of its own
        }
    }

    private void digitReceived(char digit, long now) {
        if (!digitLimit.take(now)) {
            digitsDropped.incrementAndGet();
            return;
        }
        for (Consumer<Character> listener : digitListeners) {
            callbacks.submit(() -> listener.accept(digit));
        }
        interruptPlayback(playback.removeOnKey());
    }

    private void interruptPlayback(List<PlaybackQueue.Item> items) {
        for (PlaybackQueue.Item item : items) {
            callbacks.submit(() -> item.done.complete(new PlaybackEnd(true)));
        }
    }

    private void completeDigits(List<CompletableFuture<Void>> futures) {
        for (CompletableFuture<Void> done : futures) {
            callbacks.submit(() -> done.complete(null));
        }
    }
}
