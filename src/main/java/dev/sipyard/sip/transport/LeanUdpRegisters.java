package dev.sipyard.sip.transport;

import dev.sipyard.sip.registrar.RegisterReply;
import dev.sipyard.sip.registrar.RegisterRequest;
import dev.sipyard.sip.registrar.Registrar;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTERs over UDP answered without JAIN-SIP: {@link BoundedUdpProcessor} shows each datagram
 * here first; one that {@link LeanRegisterParser} reads is answered by the {@link Registrar} and
 * {@link LeanReplyWriter}, with {@link KeptAnswers} for retransmitted requests; any other
 * datagram (other methods, responses, REGISTERs the parser does not fully understand) goes to
 * JAIN-SIP unchanged. The response goes where JAIN-SIP would send it: the source address, and the
 * source port when the top Via asks for rport, else the Via's port (RFC 3261 §18.2.2, RFC 3581).
 * While the node drains every datagram goes to JAIN-SIP, whose dispatcher refuses new REGISTERs.
 */
final class LeanUdpRegisters implements BoundedUdpProcessor.FirstLook {
    private static final Logger log = LoggerFactory.getLogger(LeanUdpRegisters.class);
    private static final int DEFAULT_PORT = 5060;
    /**
     * Kept answers may take a quarter of the heap: 128 MB of the default 512 MB. A 401 keeps about
     * 50 bytes, a 200 about 80 plus 70 per Contact it lists; with two Contacts that is 40 s of
     * about 8,000 registrations a second. An eighth was measured too small at 5,000/s, where the
     * benchmark's phones had several bindings each.
     */
    private static final long KEPT_SHARE_OF_HEAP = Runtime.getRuntime().maxMemory() / 4;

    private final Registrar registrar;
    private final LeanReplyWriter writer = new LeanReplyWriter();
    private final KeptAnswers kept;
    private final SipHash transactions = SipHash.withRandomKey();
    private final AtomicLong handedOver = new AtomicLong();
    private final BooleanSupplier draining;

    LeanUdpRegisters(Registrar registrar, BooleanSupplier draining) {
        this.registrar = registrar;
        this.draining = draining;
        this.kept = new KeptAnswers(32_000, 4, KEPT_SHARE_OF_HEAP, Clock.systemUTC());
    }

    @Override
    public boolean take(DatagramPacket packet, DatagramSocket socket, InetAddress localAddress, int localPort) {
        if (draining.getAsBoolean()) {
            return false;
        }
        byte[] data = packet.getData();
        if (!LeanRegisterParser.startsAsRegister(data, packet.getOffset(), packet.getLength())) {
            return false;
        }
        LeanRegister r;
        try {
            r = LeanRegisterParser.parse(data, packet.getOffset(), packet.getLength());
        } catch (LeanRegisterParser.NotLean e) {
            handedOver.incrementAndGet();
            return false;
        }
        InetAddress sourceIp = packet.getAddress();
        String source = sourceIp.getHostAddress();
        int sourcePort = packet.getPort();
        InetSocketAddress destination = r.viaRport() ? new InetSocketAddress(sourceIp, sourcePort)
                : new InetSocketAddress(sourceIp, r.viaPort() < 0 ? DEFAULT_PORT : r.viaPort());
        long key = transactions.hash(r.viaBranch(), r.viaSentBy(), r.callId(), r.cseq());
        switch (kept.begin(key)) {
            case KeptAnswers.Seen.Drop drop -> {
                return true;
            }
            case KeptAnswers.Seen.Answered again -> {
                send(socket, writer.rewrite(r, again.answer(), source, sourcePort, key), destination);
                return true;
            }
            case KeptAnswers.Seen.New first -> {
                // answered below
            }
        }
        CompletableFuture<RegisterReply> future;
        RegisterRequest request = new RegisterRequest("UDP", source, sourcePort,
                localAddress == null ? null : localAddress.getHostAddress(), localPort, r.requestUri(),
                r.toUser(), r.toHost(), r.callId(), r.cseq(), r.wildcard(), r.contacts(), r.expires(),
                r.authorizations(), r.userAgent());
        try {
            future = registrar.register(request);
        } catch (RuntimeException e) {
            log.warn("REGISTER from {} failed: {}", source, e.toString());
            future = CompletableFuture.failedFuture(e);
        }
        future.whenComplete((reply, error) -> {
            boolean failed = error != null || reply == null;
            LeanReplyWriter.Written written = failed
                    ? writer.write(r, 500, "Server Internal Error", source, sourcePort, key)
                    : writer.write(r, reply, source, sourcePort, System.currentTimeMillis(), key);
            SipLog.register(request, failed ? 500 : reply.status());
            kept.answered(key, written.kept());
            send(socket, written.wire(), destination);
        });
        return true;
    }

    /** REGISTERs this path left to JAIN-SIP because the parser did not fully understand them. */
    long handedOver() {
        return handedOver.get();
    }

    private static void send(DatagramSocket socket, byte[] bytes, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, to));
        } catch (IOException | RuntimeException e) {
            log.debug("REGISTER response to {} not sent: {}", to, e.toString());
        }
    }
}
