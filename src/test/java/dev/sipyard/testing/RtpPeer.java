package dev.sipyard.testing;

import dev.sipyard.media.codec.G711;
import dev.sipyard.media.rtp.RtpPacket;
import dev.sipyard.media.rtp.TelephoneEvent;
import dev.sipyard.media.srtp.SrtpContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The far end of an RTP stream, for tests and load generation: a plain UDP socket that sends
 * G.711 audio paced at 20 ms per packet and RFC 4733 digits, and records what it receives
 * (with arrival times, up to {@code keep} packets; counted beyond). Sending reuses one buffer,
 * so it allocates nothing per packet unless SRTP is on.
 */
public final class RtpPeer implements AutoCloseable {
    /** One received packet (already unprotected when SRTP is on). */
    public record Received(long arrivalNanos, int length, RtpPacket packet) {
    }

    public static final int FRAME_SAMPLES = 160;
    private static final long FRAME_NANOS = 20_000_000L;

    private final DatagramSocket socket;
    private final Thread receiver;
    private final int keep;
    private final List<Received> received = new ArrayList<>();
    private final AtomicLong receivedCount = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final byte[] sendBuffer = new byte[1500];
    private final DatagramPacket sendPacket = new DatagramPacket(sendBuffer, 0);
    private volatile InetSocketAddress target;
    private volatile SrtpContext srtp;
    private volatile boolean alaw;
    private final long ssrc;
    private int sequence;
    private long timestamp;
    private boolean firstPacket = true;
    private long nextSendNanos;

    /** A peer on 127.0.0.1 with an ephemeral port, keeping up to 10 000 received packets. */
    public RtpPeer() {
        this(0);
    }

    public RtpPeer(int localPort) {
        this(InetAddress.getLoopbackAddress(), localPort, 10_000);
    }

    /** @param keep how many received packets to keep for {@link #received()} (0: only count them) */
    public RtpPeer(InetAddress bind, int localPort, int keep) {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(bind, localPort));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
        this.keep = keep;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.ssrc = random.nextLong(1L << 32);
        this.sequence = random.nextInt(1 << 16);
        this.timestamp = random.nextLong(1L << 32);
        this.receiver = Thread.ofVirtual().name("rtp-peer-" + socket.getLocalPort()).start(this::receive);
    }

    public int localPort() {
        return socket.getLocalPort();
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Where {@link #send} and {@link #sendDigits} go. */
    public RtpPeer target(InetSocketAddress to) {
        this.target = to;
        return this;
    }

    /** Sends to {@code port} on the loopback address. */
    public RtpPeer target(int port) {
        return target(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    /** Protects what is sent and unprotects what is received (null: plain RTP). */
    public RtpPeer srtp(SrtpContext context) {
        this.srtp = context;
        return this;
    }

    /** PCMA (payload type 8) instead of PCMU (0). */
    public RtpPeer alaw(boolean on) {
        this.alaw = on;
        return this;
    }

    public long ssrc() {
        return ssrc;
    }

    /**
     * Sends 8 kHz PCM as 20 ms packets, one every 20 ms (deadlines on {@link System#nanoTime()},
     * continuing the pace of the previous call when it follows at once); the last frame is
     * padded with silence. Returns when the last packet was sent.
     */
    public synchronized void send(short[] pcm8k) {
        int payloadType = alaw ? 8 : 0;
        for (int start = 0; start < pcm8k.length; start += FRAME_SAMPLES) {
            int n = Math.min(FRAME_SAMPLES, pcm8k.length - start);
            for (int i = 0; i < FRAME_SAMPLES; i++) {
                short sample = i < n ? pcm8k[start + i] : 0;
                sendBuffer[RtpPacket.HEADER_LENGTH + i] = alaw ? G711.alaw(sample) : G711.ulaw(sample);
            }
            pace();
            transmit(payloadType, firstPacket, timestamp, FRAME_SAMPLES);
            firstPacket = false;
            timestamp = (timestamp + FRAME_SAMPLES) & 0xFFFFFFFFL;
        }
    }

    /**
     * Sends each digit as an RFC 4733 event with {@code payloadType}: 5 packets 20 ms apart with a
     * growing duration (the first with the marker bit), then the end packet three times, then
     * 60 ms of nothing. Returns when done.
     */
    public void sendDigits(String digits, int payloadType) {
        for (char digit : digits.toCharArray()) {
            sendEvent(digit, payloadType, 5, 3, true);
        }
    }

    /**
     * One RFC 4733 event: {@code updates} packets without the end bit (none: only end packets, as
     * when the start was lost), then {@code endPackets} end packets, all with one timestamp.
     */
    public synchronized void sendEvent(char digit, int payloadType, int updates, int endPackets, boolean marker) {
        int event = TelephoneEvent.event(digit);
        if (event < 0) {
            throw new IllegalArgumentException("not a DTMF digit: " + digit);
        }
        long eventTimestamp = timestamp;
        int duration = 0;
        for (int i = 0; i < updates; i++) {
            duration += FRAME_SAMPLES;
            pace();
            writeEvent(event, false, duration);
            transmit(payloadType, marker && i == 0, eventTimestamp, TelephoneEvent.LENGTH);
            timestamp = (timestamp + FRAME_SAMPLES) & 0xFFFFFFFFL;
        }
        duration = Math.max(duration, FRAME_SAMPLES);
        for (int i = 0; i < endPackets; i++) {
            pace();
            writeEvent(event, true, duration);
            transmit(payloadType, marker && updates == 0 && i == 0, eventTimestamp, TelephoneEvent.LENGTH);
            timestamp = (timestamp + FRAME_SAMPLES) & 0xFFFFFFFFL;
        }
        for (int i = 0; i < 3; i++) {
            pace();
            timestamp = (timestamp + FRAME_SAMPLES) & 0xFFFFFFFFL;
        }
    }

    /** Sends one datagram as it is, at once (no SRTP, no pacing). */
    public void sendRaw(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything received so far (up to {@code keep} packets), in arrival order. */
    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** All RTP packets received, kept or not. */
    public long receivedCount() {
        return receivedCount.get();
    }

    /** Datagrams that did not parse as RTP or failed SRTP. */
    public long undecodable() {
        return undecodable.get();
    }

    /** The G.711 audio received (payload types 0 and 8), decoded, in arrival order. */
    public short[] receivedPcm() {
        List<Received> packets = received();
        int total = 0;
        for (Received r : packets) {
            if (isG711(r.packet())) {
                total += r.packet().payload().length;
            }
        }
        short[] pcm = new short[total];
        int at = 0;
        for (Received r : packets) {
            RtpPacket p = r.packet();
            if (isG711(p)) {
                for (byte b : p.payload()) {
                    pcm[at++] = p.payloadType() == 8 ? G711.fromAlaw(b) : G711.fromUlaw(b);
                }
            }
        }
        return pcm;
    }

    private static boolean isG711(RtpPacket p) {
        return p.payloadType() == 0 || p.payloadType() == 8;
    }

    private void writeEvent(int event, boolean end, int duration) {
        int at = RtpPacket.HEADER_LENGTH;
        sendBuffer[at] = (byte) event;
        sendBuffer[at + 1] = (byte) ((end ? 0x80 : 0) | 10);
        sendBuffer[at + 2] = (byte) (duration >> 8);
        sendBuffer[at + 3] = (byte) duration;
    }

    /** Waits for the next 20 ms deadline; a peer idle for longer than a frame starts a new pace. */
    private void pace() {
        long now = System.nanoTime();
        if (nextSendNanos == 0 || now - nextSendNanos > FRAME_NANOS) {
            nextSendNanos = now;
        }
        while ((now = System.nanoTime()) < nextSendNanos) {
            LockSupport.parkNanos(nextSendNanos - now);
        }
        nextSendNanos += FRAME_NANOS;
    }

    private void transmit(int payloadType, boolean marker, long packetTimestamp, int payloadLength) {
        sendBuffer[0] = (byte) 0x80;
        sendBuffer[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        sendBuffer[2] = (byte) (sequence >> 8);
        sendBuffer[3] = (byte) sequence;
        writeInt(sendBuffer, 4, packetTimestamp);
        writeInt(sendBuffer, 8, ssrc);
        sequence = (sequence + 1) & 0xFFFF;
        int length = RtpPacket.HEADER_LENGTH + payloadLength;
        try {
            SrtpContext context = srtp;
            if (context != null) {
                byte[] protectedPacket = context.protectRtp(sendBuffer, 0, length);
                socket.send(new DatagramPacket(protectedPacket, protectedPacket.length, target));
            } else {
                sendPacket.setData(sendBuffer, 0, length);
                sendPacket.setSocketAddress(target);
                socket.send(sendPacket);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeInt(byte[] buf, int at, long value) {
        buf[at] = (byte) (value >> 24);
        buf[at + 1] = (byte) (value >> 16);
        buf[at + 2] = (byte) (value >> 8);
        buf[at + 3] = (byte) value;
    }

    private void receive() {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
            } catch (IOException e) {
                return;
            }
            long arrival = System.nanoTime();
            byte[] data = buffer;
            int length = datagram.getLength();
            SrtpContext context = srtp;
            if (context != null) {
                data = context.unprotectRtp(buffer, 0, length);
                if (data == null) {
                    undecodable.incrementAndGet();
                    continue;
                }
                length = data.length;
            }
            if (keep == 0) {
                receivedCount.incrementAndGet();
                continue;
            }
            RtpPacket packet = RtpPacket.parse(data, 0, length);
            if (packet == null) {
                undecodable.incrementAndGet();
                continue;
            }
            receivedCount.incrementAndGet();
            synchronized (received) {
                if (received.size() < keep) {
                    received.add(new Received(arrival, datagram.getLength(), packet));
                }
            }
        }
    }

    @Override
    public void close() {
        socket.close();
        try {
            receiver.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
