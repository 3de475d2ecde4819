import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded G.711 call load generator for sipyard's media engine (bench/media.sh runs it with
 * {@code java bench/MediaLoad.java}). Loopback only, JDK only.
 *
 * <p>It places {@code calls} calls over UDP, one per account of a sipp-style CSV ({@code user;domain;password}),
 * {@code rate} new calls a second. Each INVITE offers PCMU (or PCMA) on its own RTP port on 127.0.0.1 and
 * answers a 407/401 with an MD5 digest. On 200 it ACKs, then for {@code hold} seconds sends 20 ms packets of a
 * 440 Hz tone (so a recording of the caller is not silent) and receives the far end's RTP, counting per call
 * packets received, sequence gaps (loss) and inter-arrival times (jitter = |arrival delta - 20 ms| between
 * consecutive sequence numbers); then BYE.
 *
 * <p>Threads: one platform thread paces every call's packets from {@code System.nanoTime()} deadlines, one or
 * more receiver threads read all RTP sockets through a Selector, one virtual thread reads SIP, and one virtual
 * thread per call does its signalling.
 *
 * <p>A call FAILS when its INVITE gets no 200 ({@code setup}), no RTP arrives ({@code nortp}), the far end hangs
 * up before the hold time is over ({@code early_bye}) or its BYE is not answered with 200 ({@code bye}).
 *
 * <p>Prints one line {@code MEDIALOAD key=value ...}; exits 0 when no call failed, 1 otherwise, 2 on bad arguments.
 * Arguments ({@code key=value}): {@code server=127.0.0.1:PORT accounts=FILE calls=N} and optionally
 * {@code hold=20 rate=50 to=media codec=PCMU rtp_ports=40000-49999 receivers=1 setup_timeout=32 details=FILE
 * watch_pid=PID clk_tck=100 timeline=FILE}. {@code timeline} writes, per second of the run (wall clock), packets
 * received, jitter samples over 5 ms and the largest jitter: to line up with the server's GC log. With {@code watch_pid} it also reports that process's CPU (from /proc) while every
 * call was up at once, the steady state of N streams with no signalling in it, and its own CPU over that window.
 */
public final class MediaLoad {
    static final int FRAME_MS = 20;
    static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(FRAME_MS);
    static final int SAMPLES = 160;
    static final int MAX_CALLS = 5000;

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("mediaload: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(new MediaLoad(o).run());
    }

    private final Options o;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile boolean allUp;
    private final SteadyWindow steady;
    private volatile long timelineOrigin;

    MediaLoad(Options o) {
        this.o = o;
        this.steady = new SteadyWindow(o.watchPid, o.clkTck);
    }

    int run() throws Exception {
        List<Account> accounts = Account.read(o.accounts, o.calls);
        long cpuStart = processCpuNanos();
        long startEpochMillis = System.currentTimeMillis();
        long start = System.nanoTime();
        timelineOrigin = start;
        Sip sip = new Sip(o.server);
        Receiver[] receivers = new Receiver[o.receivers];
        for (int i = 0; i < receivers.length; i++) {
            receivers[i] = new Receiver();
            Thread.ofPlatform().name("rtp-receiver-" + i).daemon().start(receivers[i]);
        }
        Sender sender = new Sender(o.codec);
        Thread senderThread = Thread.ofPlatform().name("rtp-sender").daemon().start(sender);
        Thread.ofVirtual().name("sip-reader").start(sip::readLoop);

        PortPairs ports = new PortPairs(o.rtpPortMin, o.rtpPortMax);
        List<Call> calls = new ArrayList<>();
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
        long ramp = TimeUnit.SECONDS.toNanos(1) / o.rate;
        try (ExecutorService callThreads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < o.calls; i++) {
                LockSupport.parkNanos(start + i * ramp - System.nanoTime());
                Call c = new Call(i, accounts.get(i), "ml-" + run + "-" + i + "@127.0.0.1", o, sip.localPort);
                c.rtp = ports.open();
                calls.add(c);
                receivers[i % receivers.length].add(c);
                callThreads.execute(() -> runCall(c, sip, sender));
            }
            callThreads.shutdown();
            long bound = o.calls / o.rate + o.setupTimeout + o.hold + 40;
            if (!callThreads.awaitTermination(bound, TimeUnit.SECONDS)) {
                System.err.println("mediaload: calls still running after " + bound + " s, giving up on them");
            }
        }
        sender.stop = true;
        senderThread.join(1000);
        for (Receiver r : receivers) {
            r.stop();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        long cpuMs = (processCpuNanos() - cpuStart) / 1_000_000;
        Report report = Report.of(calls, receivers, o, sender);
        if (o.timeline != null) {
            Timeline.write(o.timeline, receivers, startEpochMillis);
        }
        System.out.println(report.line(peak.get(), window(calls), cpuMs, wall) + " " + steady.summary());
        if (o.details != null) {
            report.writeDetails(o.details, calls);
        }
        return report.failed == 0 ? 0 : 1;
    }

    /** Seconds during which every answered call was up at once (0 when they never all overlapped). */
    private static double window(List<Call> calls) {
        long lastAnswer = Long.MIN_VALUE;
        long firstEnd = Long.MAX_VALUE;
        for (Call c : calls) {
            if (c.answeredAt != 0) {
                lastAnswer = Math.max(lastAnswer, c.answeredAt);
                firstEnd = Math.min(firstEnd, c.endedAt == 0 ? Long.MAX_VALUE : c.endedAt);
            }
        }
        return lastAnswer == Long.MIN_VALUE || firstEnd <= lastAnswer ? 0 : (firstEnd - lastAnswer) / 1e9;
    }

    private void runCall(Call c, Sip sip, Sender sender) {
        sip.calls.put(c.callId, c);
        try {
            SipMessage answer = c.invite(sip);
            if (answer == null || answer.status / 100 != 2) {
                c.fail("setup", answer == null ? "no final answer" : answer.firstLine);
                return;
            }
            c.ack(sip, answer);
            c.answeredAt = System.nanoTime();
            try {
                c.remoteRtp = Sdp.audioAddress(answer.body);
            } catch (IllegalArgumentException e) {
                c.fail("setup", "unusable SDP answer: " + e.getMessage());
                c.bye(sip);
                return;
            }
            int now = active.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            if (now == o.calls) {
                allUp = true;
                steady.open();
            }
            sender.add(c);
            boolean hungUp = c.serverBye.await(o.hold, TimeUnit.SECONDS);
            if (allUp) {
                allUp = false;
                steady.close();
            }
            c.sending = false;
            active.decrementAndGet();
            c.endedAt = System.nanoTime();
            if (hungUp) {
                c.fail("early_bye", "the far end hung up after "
                        + TimeUnit.NANOSECONDS.toMillis(c.endedAt - c.answeredAt) + " ms");
                return;
            }
            SipMessage byeAnswer = c.bye(sip);
            c.receiving = false;
            if (byeAnswer == null || byeAnswer.status / 100 != 2) {
                c.fail("bye", byeAnswer == null ? "BYE not answered" : byeAnswer.firstLine);
            } else if (c.received == 0) {
                c.fail("nortp", "no RTP received");
            }
        } catch (InterruptedException e) {
            c.fail("setup", "interrupted");
        } catch (Exception e) {
            c.fail("setup", e.toString());
        } finally {
            c.sending = false;
            c.receiving = false;
            if (c.endedAt == 0) {
                c.endedAt = System.nanoTime();
            }
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    // ------------------------------------------------------------------------------------------ options

    record Options(InetSocketAddress server, Path accounts, int calls, int hold, int rate, String to, String codec,
                   int rtpPortMin, int rtpPortMax, int receivers, int setupTimeout, Path details, long watchPid,
                   int clkTck, Path timeline) {
        static Options parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("arguments are key=value, got " + a);
                }
                m.put(a.substring(0, eq), a.substring(eq + 1));
            }
            for (String required : List.of("server", "accounts", "calls")) {
                if (!m.containsKey(required)) {
                    throw new IllegalArgumentException("missing " + required + "=...");
                }
            }
            String[] hp = m.get("server").split(":");
            if (hp.length != 2 || !hp[0].startsWith("127.")) {
                throw new IllegalArgumentException("server must be 127.x.y.z:port (loopback only)");
            }
            String codec = m.getOrDefault("codec", "PCMU").toUpperCase(Locale.ROOT);
            if (!codec.equals("PCMU") && !codec.equals("PCMA")) {
                throw new IllegalArgumentException("codec must be PCMU or PCMA");
            }
            String[] ports = m.getOrDefault("rtp_ports", "40000-49999").split("-");
            int min = bounded(ports[0], "rtp_ports", 1024, 65000);
            int max = bounded(ports[1], "rtp_ports", min + 1, 65534);
            int calls = bounded(m.get("calls"), "calls", 1, MAX_CALLS);
            if ((max - min + 1) / 2 < calls) {
                throw new IllegalArgumentException("rtp_ports " + min + "-" + max + " has fewer pairs than calls");
            }
            return new Options(new InetSocketAddress(hp[0], bounded(hp[1], "server port", 1, 65535)),
                    Path.of(m.get("accounts")), calls,
                    bounded(m.getOrDefault("hold", "20"), "hold", 1, 600),
                    bounded(m.getOrDefault("rate", "50"), "rate", 1, 1000),
                    m.getOrDefault("to", "media"), codec, min, max,
                    bounded(m.getOrDefault("receivers", "1"), "receivers", 1, 8),
                    bounded(m.getOrDefault("setup_timeout", "32"), "setup_timeout", 1, 120),
                    m.containsKey("details") ? Path.of(m.get("details")) : null,
                    m.containsKey("watch_pid") ? bounded(m.get("watch_pid"), "watch_pid", 1, Integer.MAX_VALUE) : -1,
                    bounded(m.getOrDefault("clk_tck", "100"), "clk_tck", 1, 100_000),
                    m.containsKey("timeline") ? Path.of(m.get("timeline")) : null);
        }

        private static int bounded(String value, String name, int min, int max) {
            try {
                int v = Integer.parseInt(value.trim());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be a number in " + min + ".." + max + ", got " + value);
        }

        int payloadType() {
            return codec.equals("PCMU") ? 0 : 8;
        }
    }

    record Account(String user, String domain, String password) {
        static List<Account> read(Path csv, int needed) throws IOException {
            List<Account> out = new ArrayList<>();
            for (String line : Files.readAllLines(csv)) {
                String[] f = line.split(";");
                if (f.length >= 3) {
                    out.add(new Account(f[0], f[1], f[2]));
                }
            }
            if (out.size() < needed) {
                throw new IllegalArgumentException(csv + " has " + out.size() + " accounts, " + needed + " needed");
            }
            return out;
        }
    }

    /** Even RTP ports with RTCP on the next one, both bound (so the far end's RTCP does not bounce). */
    static final class PortPairs {
        private int next;
        private final int max;

        PortPairs(int min, int max) {
            this.next = min + (min & 1);
            this.max = max;
        }

        RtpPorts open() throws IOException {
            while (next + 1 <= max) {
                int port = next;
                next += 2;
                DatagramChannel rtp = null;
                try {
                    rtp = bound(port);
                    return new RtpPorts(rtp, bound(port + 1), port);
                } catch (IOException busy) {
                    if (rtp != null) {
                        rtp.close();
                    }
                }
            }
            throw new IOException("no free RTP port pair left");
        }

        private static DatagramChannel bound(int port) throws IOException {
            DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                ch.bind(new InetSocketAddress("127.0.0.1", port));
                ch.configureBlocking(false);
                return ch;
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        }
    }

    record RtpPorts(DatagramChannel rtp, DatagramChannel rtcp, int port) {}

    // ------------------------------------------------------------------------------------------ a call

    static final class Call {
        final int index;
        final Account account;
        final String callId;
        final Options o;
        final int sipPort;
        final String fromTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
        final BlockingQueue<SipMessage> responses = new LinkedBlockingQueue<>();
        final CountDownLatch serverBye = new CountDownLatch(1);
        final long ssrc = ThreadLocalRandom.current().nextLong() & 0xffffffffL;
        RtpPorts rtp;
        volatile InetSocketAddress remoteRtp;
        volatile String ackMessage;
        String requestUri;
        String toHeader;
        String routeHeaders = "";
        int cseq;
        volatile long answeredAt;
        volatile long endedAt;
        volatile String failure;
        volatile String failureDetail;
        // sender thread only
        volatile boolean sending = true;
        long nextSend;
        int sendSeq = ThreadLocalRandom.current().nextInt(0x10000);
        long sendTimestamp = ThreadLocalRandom.current().nextLong(0x100000000L);
        long sent;
        long sendErrors;
        // receiver thread only (read by the main thread after the receivers stopped)
        volatile boolean receiving = true;
        long received;
        long rtcpReceived;
        long otherPayload;
        long duplicates;
        long baseSeq = -1;
        long maxSeq;
        long lastSeq;
        long lastArrival;
        long worstGapNanos;
        final Histogram jitter = Histogram.perCall();

        Call(int index, Account account, String callId, Options o, int sipPort) {
            this.index = index;
            this.sipPort = sipPort;
            this.account = account;
            this.callId = callId;
            this.o = o;
            this.requestUri = "sip:" + o.to + "@" + account.domain;
            this.toHeader = "<sip:" + o.to + "@" + account.domain + ">";
        }

        void fail(String kind, String detail) {
            if (failure == null) {
                failure = kind;
                failureDetail = detail;
            }
        }

        /** INVITE, answering one digest challenge; the final answer, or null when none came in time. */
        SipMessage invite(Sip sip) throws InterruptedException {
            String authorization = null;
            for (int attempt = 0; attempt < 2; attempt++) {
                cseq++;
                String branch = branch();
                String invite = request("INVITE", requestUri, branch, cseq, authorization,
                        "Contact: <sip:" + account.user + "@127.0.0.1:" + sipPort + ">\r\n"
                                + "Content-Type: application/sdp\r\n", Sdp.offer(rtp.port, o.payloadType(), o.codec));
                SipMessage last = transaction(sip, invite, "INVITE", true);
                if (last == null || last.status < 200) {
                    return null;
                }
                if ((last.status == 407 || last.status == 401) && attempt == 0) {
                    sip.send(ackFor(last, branch));
                    String header = last.status == 407 ? "proxy-authenticate" : "www-authenticate";
                    String challenge = Digest.md5Challenge(last.headers(header));
                    if (challenge == null) {
                        return last;
                    }
                    authorization = (last.status == 407 ? "Proxy-Authorization: " : "Authorization: ")
                            + Digest.answer(challenge, "INVITE", requestUri, account.user, account.password) + "\r\n";
                    continue;
                }
                if (last.status >= 300) {
                    sip.send(ackFor(last, branch));
                }
                return last;
            }
            return null;
        }

        /** Sends {@code message} until a response of {@code method} arrives, then waits for the final one. */
        private SipMessage transaction(Sip sip, String message, String method, boolean invite)
                throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(invite ? o.setupTimeout : 10);
            long interval = TimeUnit.MILLISECONDS.toNanos(500);
            long resendAt = System.nanoTime() + interval;
            boolean provisional = false;
            int expectedCseq = cseq;
            sip.send(message);
            while (true) {
                long now = System.nanoTime();
                if (now >= deadline) {
                    return null;
                }
                long wait = Math.min(deadline, provisional && invite ? deadline : resendAt) - now;
                SipMessage r = responses.poll(wait, TimeUnit.NANOSECONDS);
                if (r == null) {
                    if (!(provisional && invite) && System.nanoTime() >= resendAt) {
                        sip.send(message);
                        interval = Math.min(interval * 2, TimeUnit.SECONDS.toNanos(4));
                        resendAt = System.nanoTime() + interval;
                    }
                    continue;
                }
                if (!r.cseqMethod().equals(method) || r.cseqNumber() != expectedCseq) {
                    continue;
                }
                if (r.status < 200) {
                    provisional = true;
                    continue;
                }
                return r;
            }
        }

        void ack(Sip sip, SipMessage ok) {
            toHeader = ok.header("to");
            String contact = ok.header("contact");
            if (contact != null) {
                int lt = contact.indexOf('<');
                int gt = contact.indexOf('>');
                requestUri = lt >= 0 && gt > lt ? contact.substring(lt + 1, gt) : contact.trim().split(";")[0];
            }
            List<String> recordRoutes = new ArrayList<>();
            for (String rr : ok.headers("record-route")) {
                recordRoutes.addAll(SipMessage.splitList(rr));
            }
            StringBuilder routes = new StringBuilder();
            for (int i = recordRoutes.size() - 1; i >= 0; i--) {
                routes.append("Route: ").append(recordRoutes.get(i)).append("\r\n");
            }
            routeHeaders = routes.toString();
            ackMessage = request("ACK", requestUri, branch(), cseq, null, routeHeaders, null);
            sip.send(ackMessage);
        }

        SipMessage bye(Sip sip) throws InterruptedException {
            cseq++;
            return transaction(sip, request("BYE", requestUri, branch(), cseq, null, routeHeaders, null), "BYE",
                    false);
        }

        private String ackFor(SipMessage response, String branch) {
            String to = response.header("to");
            return "ACK " + requestUri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + sipPort + ";branch=" + branch + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + account.user + "@" + account.domain + ">;tag=" + fromTag + "\r\n"
                    + "To: " + to + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + response.cseqNumber() + " ACK\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }

        private String request(String method, String uri, String branch, int number, String authorization,
                               String extraHeaders, String body) {
            byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            return method + " " + uri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + sipPort + ";branch=" + branch + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + account.user + "@" + account.domain + ">;tag=" + fromTag + "\r\n"
                    + "To: " + toHeader + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + number + " " + method + "\r\n"
                    + (authorization == null ? "" : authorization)
                    + extraHeaders
                    + "User-Agent: sipyard-mediaload\r\n"
                    + "Content-Length: " + bodyBytes.length + "\r\n\r\n"
                    + (body == null ? "" : body);
        }

        private static String branch() {
            return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        }

        /** Counts one packet (receiver thread); returns its jitter sample in nanoseconds, or -1 when it gives none. */
        long onRtp(ByteBuffer b, long arrival, int payloadType, boolean everyCallUp, Histogram all,
                   Histogram whileAllUp) {
            if (b.remaining() < 12 || (b.get(0) & 0xc0) != 0x80) {
                otherPayload++;
                return -1;
            }
            int pt = b.get(1) & 0x7f;
            if (pt != payloadType) {
                otherPayload++;
                return -1;
            }
            int seq = ((b.get(2) & 0xff) << 8) | (b.get(3) & 0xff);
            received++;
            if (baseSeq < 0) {
                baseSeq = seq;
                maxSeq = seq;
                lastSeq = seq;
                lastArrival = arrival;
                return -1;
            }
            int delta = (short) (seq - (int) (maxSeq & 0xffff));
            long extended = maxSeq + delta;
            if (extended <= maxSeq) {
                duplicates++; // a duplicate or a late (reordered) packet: no jitter sample
                return -1;
            }
            maxSeq = extended;
            long gap = arrival - lastArrival;
            worstGapNanos = Math.max(worstGapNanos, gap);
            long j = -1;
            if (extended == lastSeq + 1) {
                j = Math.abs(gap - FRAME_NANOS);
                jitter.add(j);
                all.add(j);
                if (everyCallUp) {
                    whileAllUp.add(j);
                }
            }
            lastSeq = extended;
            lastArrival = arrival;
            return j;
        }

        long expected() {
            return baseSeq < 0 ? 0 : maxSeq - baseSeq + 1;
        }

        long lost() {
            return Math.max(0, expected() - (received - duplicates));
        }
    }

    // ------------------------------------------------------------------------------------------ SIP transport

    static final class Sip {
        final DatagramChannel channel;
        final InetSocketAddress server;
        final int localPort;
        final Map<String, Call> calls = new ConcurrentHashMap<>();

        Sip(InetSocketAddress server) throws IOException {
            this.server = server;
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.bind(new InetSocketAddress("127.0.0.1", 0));
            localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        void send(String message) {
            try {
                channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), server);
            } catch (IOException e) {
                System.err.println("mediaload: SIP send failed: " + e);
            }
        }

        void readLoop() {
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (channel.isOpen()) {
                try {
                    buf.clear();
                    channel.receive(buf);
                    buf.flip();
                    SipMessage m = SipMessage.parse(StandardCharsets.UTF_8.decode(buf).toString());
                    if (m == null) {
                        continue;
                    }
                    Call c = calls.get(m.header("call-id") == null ? "" : m.header("call-id").trim());
                    if (m.status != 0) {
                        if (c == null) {
                            continue;
                        }
                        if (m.status / 100 == 2 && m.cseqMethod().equals("INVITE") && c.ackMessage != null) {
                            send(c.ackMessage); // the 200 was retransmitted: our ACK was lost or late
                        } else {
                            c.responses.add(m);
                        }
                    } else {
                        onRequest(m, c);
                    }
                } catch (IOException e) {
                    return;
                } catch (RuntimeException e) {
                    System.err.println("mediaload: unreadable SIP message: " + e);
                }
            }
        }

        private void onRequest(SipMessage m, Call c) {
            if (m.method.equals("ACK")) {
                return;
            }
            int status = c == null ? 481 : 200;
            StringBuilder r = new StringBuilder("SIP/2.0 ").append(status).append(status == 200 ? " OK" : " Call Does Not Exist")
                    .append("\r\n");
            for (String via : m.headers("via")) {
                r.append("Via: ").append(via).append("\r\n");
            }
            r.append("From: ").append(m.header("from")).append("\r\n")
                    .append("To: ").append(m.header("to")).append("\r\n")
                    .append("Call-ID: ").append(m.header("call-id")).append("\r\n")
                    .append("CSeq: ").append(m.header("cseq")).append("\r\n")
                    .append("Content-Length: 0\r\n\r\n");
            send(r.toString());
            if (c != null && m.method.equals("BYE")) {
                c.serverBye.countDown();
            }
        }
    }

    static final class SipMessage {
        private static final Map<String, String> COMPACT = Map.of("i", "call-id", "v", "via", "f", "from", "t", "to",
                "m", "contact", "l", "content-length", "c", "content-type");
        String firstLine;
        int status;
        String method = "";
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        String body = "";

        static SipMessage parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return null;
            }
            String[] lines = text.substring(0, end).split("\r\n");
            SipMessage m = new SipMessage();
            m.firstLine = lines[0];
            if (m.firstLine.startsWith("SIP/2.0 ")) {
                m.status = Integer.parseInt(m.firstLine.substring(8, 11));
            } else {
                m.method = m.firstLine.split(" ")[0];
            }
            String name = null;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if ((line.startsWith(" ") || line.startsWith("\t")) && name != null) {
                    List<String> values = m.headers.get(name);
                    values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.trim());
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                name = COMPACT.getOrDefault(name, name);
                m.headers.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
            m.body = text.substring(end + 4);
            return m;
        }

        String header(String name) {
            List<String> v = headers.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        List<String> headers(String name) {
            return headers.getOrDefault(name, List.of());
        }

        String cseqMethod() {
            String c = header("cseq");
            return c == null ? "" : c.trim().split("\\s+")[1];
        }

        int cseqNumber() {
            String c = header("cseq");
            return c == null ? -1 : Integer.parseInt(c.trim().split("\\s+")[0]);
        }

        /** Splits a comma-separated header value, ignoring commas inside <...> and quotes. */
        static List<String> splitList(String value) {
            List<String> out = new ArrayList<>();
            int depth = 0;
            boolean quoted = false;
            int from = 0;
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (!quoted && ch == '<') {
                    depth++;
                } else if (!quoted && ch == '>') {
                    depth--;
                } else if (!quoted && depth == 0 && ch == ',') {
                    out.add(value.substring(from, i).trim());
                    from = i + 1;
                }
            }
            out.add(value.substring(from).trim());
            return out;
        }
    }

    /** RFC 2617/7616 MD5 digest, answering with qop=auth when offered. */
    static final class Digest {
        static String md5Challenge(List<String> challenges) {
            for (String c : challenges) {
                if (!c.regionMatches(true, 0, "Digest", 0, 6)) {
                    continue;
                }
                String algorithm = params(c.substring(6)).getOrDefault("algorithm", "MD5");
                if (algorithm.equalsIgnoreCase("MD5")) {
                    return c.substring(6);
                }
            }
            return null;
        }

        static String answer(String challenge, String method, String uri, String user, String password) {
            Map<String, String> p = params(challenge);
            String realm = p.getOrDefault("realm", "");
            String nonce = p.getOrDefault("nonce", "");
            String ha1 = md5(user + ":" + realm + ":" + password);
            String ha2 = md5(method + ":" + uri);
            StringBuilder out = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"")
                    .append(realm).append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri)
                    .append("\", algorithm=MD5");
            String qop = p.get("qop");
            boolean auth = qop != null && List.of(qop.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains("auth");
            if (auth) {
                String cnonce = Long.toHexString(ThreadLocalRandom.current().nextLong());
                String nc = "00000001";
                out.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2))
                        .append("\", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
            } else {
                out.append(", response=\"").append(md5(ha1 + ":" + nonce + ":" + ha2)).append('"');
            }
            if (p.containsKey("opaque")) {
                out.append(", opaque=\"").append(p.get("opaque")).append('"');
            }
            return out.toString();
        }

        static Map<String, String> params(String text) {
            Map<String, String> out = new HashMap<>();
            for (String part : SipMessage.splitList(text)) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    String v = part.substring(eq + 1).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1);
                    }
                    out.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), v);
                }
            }
            return out;
        }

        static String md5(String s) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final class Sdp {
        static String offer(int port, int payloadType, String codec) {
            long session = ThreadLocalRandom.current().nextLong(1, 1L << 40);
            return "v=0\r\n"
                    + "o=mediaload " + session + " 1 IN IP4 127.0.0.1\r\n"
                    + "s=-\r\n"
                    + "c=IN IP4 127.0.0.1\r\n"
                    + "t=0 0\r\n"
                    + "m=audio " + port + " RTP/AVP " + payloadType + " 101\r\n"
                    + "a=rtpmap:" + payloadType + " " + codec + "/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\n"
                    + "a=fmtp:101 0-16\r\n"
                    + "a=ptime:20\r\n"
                    + "a=sendrecv\r\n";
        }

        /** The address of the first audio m-line of an SDP answer. */
        static InetSocketAddress audioAddress(String sdp) {
            String sessionAddress = null;
            String mediaAddress = null;
            int port = -1;
            for (String line : sdp.split("\r?\n")) {
                if (line.startsWith("c=IN IP4 ")) {
                    String a = line.substring(9).trim().split("/")[0];
                    if (port < 0) {
                        sessionAddress = a;
                    } else if (mediaAddress == null) {
                        mediaAddress = a;
                    }
                } else if (line.startsWith("m=")) {
                    if (port >= 0) {
                        break;
                    }
                    String[] f = line.substring(2).split(" ");
                    if (f[0].equals("audio")) {
                        port = Integer.parseInt(f[1]);
                    }
                }
            }
            String address = mediaAddress != null ? mediaAddress : sessionAddress;
            if (port <= 0 || address == null) {
                throw new IllegalArgumentException("no audio address and port");
            }
            return new InetSocketAddress(address, port);
        }
    }

    // ------------------------------------------------------------------------------------------ RTP

    /** Paces every active call's packets from nanoTime deadlines: one thread for all calls. */
    static final class Sender implements Runnable {
        final ConcurrentLinkedQueue<Call> incoming = new ConcurrentLinkedQueue<>();
        final byte[][] frames;
        final Histogram lateness = Histogram.fine();
        volatile boolean stop;
        final int payloadType;

        Sender(String codec) {
            payloadType = codec.equals("PCMU") ? 0 : 8;
            // one second of a 440 Hz tone is a whole number of periods: the 50 frames loop without a click
            frames = new byte[50][SAMPLES];
            for (int i = 0; i < 50 * SAMPLES; i++) {
                short s = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
                frames[i / SAMPLES][i % SAMPLES] = payloadType == 0 ? G711.ulaw(s) : G711.alaw(s);
            }
        }

        void add(Call c) {
            c.nextSend = System.nanoTime();
            incoming.add(c);
        }

        @Override
        public void run() {
            List<Call> calls = new ArrayList<>();
            ByteBuffer packet = ByteBuffer.allocateDirect(12 + SAMPLES);
            while (!stop) {
                for (Call c; (c = incoming.poll()) != null; ) {
                    calls.add(c);
                }
                long now = System.nanoTime();
                long earliest = now + TimeUnit.MILLISECONDS.toNanos(2);
                for (int i = calls.size() - 1; i >= 0; i--) {
                    Call c = calls.get(i);
                    if (!c.sending) {
                        calls.set(i, calls.get(calls.size() - 1));
                        calls.remove(calls.size() - 1);
                        continue;
                    }
                    if (now >= c.nextSend) {
                        lateness.add(now - c.nextSend);
                        send(c, packet);
                        c.nextSend += FRAME_NANOS;
                        if (now - c.nextSend > 10 * FRAME_NANOS) {
                            c.nextSend = now + FRAME_NANOS; // far behind (a long pause): do not burst to catch up
                        }
                    }
                    earliest = Math.min(earliest, c.nextSend);
                }
                long wait = earliest - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }

        private void send(Call c, ByteBuffer packet) {
            packet.clear();
            packet.put((byte) 0x80).put((byte) payloadType).putShort((short) c.sendSeq)
                    .putInt((int) c.sendTimestamp).putInt((int) c.ssrc)
                    .put(frames[(int) (c.sent % frames.length)]);
            packet.flip();
            try {
                if (c.rtp.rtp().send(packet, c.remoteRtp) == 0) {
                    c.sendErrors++; // socket buffer full
                }
            } catch (IOException e) {
                c.sendErrors++;
            }
            c.sent++;
            c.sendSeq = (c.sendSeq + 1) & 0xffff;
            c.sendTimestamp = (c.sendTimestamp + SAMPLES) & 0xffffffffL;
        }
    }

    /** Reads the RTP and RTCP sockets of its calls through one Selector. */
    final class Receiver implements Runnable {
        final Selector selector;
        final ConcurrentLinkedQueue<Call> incoming = new ConcurrentLinkedQueue<>();
        final Histogram all = Histogram.fine();
        final Histogram whileAllUp = Histogram.fine();
        final Timeline timeline = new Timeline();
        final List<Call> mine = new ArrayList<>();
        private volatile boolean stop;
        private final CountDownLatch stopped = new CountDownLatch(1);

        Receiver() throws IOException {
            selector = Selector.open();
        }

        void add(Call c) {
            incoming.add(c);
            selector.wakeup();
        }

        void stop() throws InterruptedException {
            stop = true;
            selector.wakeup();
            stopped.await(5, TimeUnit.SECONDS);
        }

        @Override
        public void run() {
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            int payloadType = o.payloadType();
            try {
                while (!stop) {
                    for (Call c; (c = incoming.poll()) != null; ) {
                        c.rtp.rtp().register(selector, SelectionKey.OP_READ, c);
                        c.rtp.rtcp().register(selector, SelectionKey.OP_READ, c);
                        mine.add(c);
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Call c = (Call) key.attachment();
                        DatagramChannel ch = (DatagramChannel) key.channel();
                        boolean rtcp = ch == c.rtp.rtcp();
                        for (int n = 0; n < 64; n++) {
                            buf.clear();
                            if (ch.receive(buf) == null) {
                                break;
                            }
                            long arrival = System.nanoTime();
                            buf.flip();
                            if (!c.receiving) {
                                continue;
                            }
                            if (rtcp) {
                                c.rtcpReceived++;
                            } else {
                                long jitter = c.onRtp(buf, arrival, payloadType, allUp, all, whileAllUp);
                                timeline.add(arrival - timelineOrigin, jitter);
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
                for (Call c : mine) {
                    c.rtp.rtp().close();
                    c.rtp.rtcp().close();
                }
                selector.close();
            } catch (IOException e) {
                System.err.println("mediaload: receiver stopped: " + e);
            } finally {
                stopped.countDown();
            }
        }
    }

    /** Per second of the run: packets received, jitter samples over 5 ms, the largest sample (one per receiver). */
    static final class Timeline {
        static final int SECONDS = 1200;
        static final long OVER = TimeUnit.MILLISECONDS.toNanos(5);
        final long[] packets = new long[SECONDS];
        final long[] over = new long[SECONDS];
        final long[] max = new long[SECONDS];

        void add(long sinceStart, long jitter) {
            int s = (int) Math.min(SECONDS - 1, Math.max(0, sinceStart / 1_000_000_000L));
            packets[s]++;
            if (jitter > OVER) {
                over[s]++;
            }
            max[s] = Math.max(max[s], jitter);
        }

        static void write(Path file, Receiver[] receivers, long startEpochMillis) throws IOException {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
                w.println("epoch_s;packets;jitter_over_5ms;jitter_max_ms");
                for (int s = 0; s < SECONDS; s++) {
                    long p = 0;
                    long o = 0;
                    long m = 0;
                    for (Receiver r : receivers) {
                        p += r.timeline.packets[s];
                        o += r.timeline.over[s];
                        m = Math.max(m, r.timeline.max[s]);
                    }
                    if (p > 0) {
                        w.printf(Locale.ROOT, "%.0f;%d;%d;%.2f%n", startEpochMillis / 1000.0 + s, p, o, m / 1e6);
                    }
                }
            }
        }
    }

    /** Counts durations in buckets of {@code unit} nanoseconds; longer than the last one go in the last one. */
    static final class Histogram {
        private final long unit;
        final long[] counts;
        long total;
        long max;

        private Histogram(long unit, int buckets) {
            this.unit = unit;
            this.counts = new long[buckets];
        }

        /** 10 microseconds up to 2 s: the run's totals. */
        static Histogram fine() {
            return new Histogram(10_000, 200_001);
        }

        /** 100 microseconds up to 200 ms: one per call, small. */
        static Histogram perCall() {
            return new Histogram(100_000, 2_001);
        }

        void add(long nanos) {
            counts[(int) Math.min(counts.length - 1, nanos / unit)]++;
            total++;
            max = Math.max(max, nanos);
        }

        void addAll(Histogram other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
            total += other.total;
            max = Math.max(max, other.max);
        }

        /** The q-quantile in milliseconds (upper edge of its bucket), or -1 when empty. */
        double quantileMs(double q) {
            if (total == 0) {
                return -1;
            }
            long rank = (long) Math.ceil(q * total);
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return (i + 1) * unit / 1e6;
                }
            }
            return max / 1e6;
        }
    }

    static final class G711 {
        static byte ulaw(short sample) {
            int s = sample;
            int sign = (s >> 8) & 0x80;
            if (sign != 0) {
                s = -s;
            }
            s = Math.min(s, 32635) + 0x84;
            int exponent = 7;
            for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
                exponent--;
            }
            int mantissa = (s >> (exponent + 3)) & 0x0f;
            return (byte) ~(sign | (exponent << 4) | mantissa);
        }

        static byte alaw(short sample) {
            int s = sample;
            int sign = s >= 0 ? 0x80 : 0;
            if (sign == 0) {
                s = -s - 1;
            }
            s = Math.min(s, 32767) >> 3;
            int exponent = 0;
            for (int v = s >> 5; v != 0 && exponent < 7; v >>= 1) {
                exponent++;
            }
            int mantissa = exponent == 0 ? (s >> 1) & 0x0f : (s >> exponent) & 0x0f;
            return (byte) ((sign | (exponent << 4) | mantissa) ^ 0x55);
        }
    }

    /** The watched process's CPU, and ours, from the moment every call is up to the moment the first one ends. */
    static final class SteadyWindow {
        private final long pid;
        private final int clkTck;
        private long startNanos;
        private long endNanos;
        private long startTicks;
        private long endTicks;
        private long startOwn;
        private long endOwn;
        private boolean open;
        private boolean closed;

        SteadyWindow(long pid, int clkTck) {
            this.pid = pid;
            this.clkTck = clkTck;
        }

        synchronized void open() {
            if (!open) {
                open = true;
                startTicks = ticks();
                startOwn = processCpuNanos();
                startNanos = System.nanoTime();
            }
        }

        synchronized void close() {
            if (open && !closed) {
                closed = true;
                endTicks = ticks();
                endOwn = processCpuNanos();
                endNanos = System.nanoTime();
            }
        }

        synchronized String summary() {
            if (!closed) {
                return "steady_s=0 server_cpu_pct=- generator_cpu_pct=-";
            }
            double seconds = (endNanos - startNanos) / 1e9;
            double server = pid < 0 || startTicks < 0 || endTicks < 0 ? -1
                    : 100.0 * (endTicks - startTicks) / clkTck / seconds;
            return String.format(Locale.ROOT, "steady_s=%.1f server_cpu_pct=%s generator_cpu_pct=%.1f", seconds,
                    server < 0 ? "-" : String.format(Locale.ROOT, "%.1f", server), 100.0 * (endOwn - startOwn) / 1e9 / seconds);
        }

        /** utime + stime of the watched process, in clock ticks; -1 when unknown. */
        private long ticks() {
            if (pid < 0) {
                return -1;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the report

    static final class Report {
        int attempted;
        int failed;
        final Map<String, Integer> failures = new LinkedHashMap<>();
        long expected;
        long received;
        long lost;
        long sent;
        long rtcp;
        long other;
        long worstGap;
        final Histogram jitter = Histogram.fine();
        final Histogram whileAllUp = Histogram.fine();
        long sendErrors;
        double senderLateP99;
        int hold;

        static Report of(List<Call> calls, Receiver[] receivers, Options o, Sender sender) {
            Report r = new Report();
            r.attempted = calls.size();
            r.hold = o.hold;
            for (String kind : List.of("setup", "nortp", "early_bye", "bye")) {
                r.failures.put(kind, 0);
            }
            for (Call c : calls) {
                if (c.failure != null) {
                    r.failed++;
                    r.failures.merge(c.failure, 1, Integer::sum);
                }
                r.expected += c.expected();
                r.received += c.received - c.duplicates;
                r.lost += c.lost();
                r.sent += c.sent;
                r.sendErrors += c.sendErrors;
                r.rtcp += c.rtcpReceived;
                r.other += c.otherPayload;
                r.worstGap = Math.max(r.worstGap, c.worstGapNanos);
            }
            for (Receiver rc : receivers) {
                r.jitter.addAll(rc.all);
                r.whileAllUp.addAll(rc.whileAllUp);
            }
            r.senderLateP99 = sender.lateness.quantileMs(0.99);
            return r;
        }

        String line(int peak, double window, long cpuMs, double wall) {
            StringBuilder f = new StringBuilder();
            failures.forEach((k, v) -> f.append(f.isEmpty() ? "" : ",").append(k).append(':').append(v));
            return String.format(Locale.ROOT, "MEDIALOAD calls=%d failed=%d failures=%s peak_concurrent=%d "
                            + "all_up_s=%.1f hold_s=%d packets_sent=%d send_errors=%d packets_expected=%d packets_received=%d "
                            + "packets_lost=%d rtcp=%d other=%d jitter_p50_ms=%s jitter_p99_ms=%s "
                            + "jitter_max_ms=%s jitter_all_up_p99_ms=%s worst_gap_ms=%.1f sender_late_p99_ms=%s "
                            + "cpu_ms=%d wall_s=%.1f",
                    attempted, failed, f, peak, window, hold, sent, sendErrors, expected, received, lost, rtcp, other,
                    ms(jitter.quantileMs(0.50)), ms(jitter.quantileMs(0.99)), ms(jitter.total == 0 ? -1 : jitter.max / 1e6),
                    ms(whileAllUp.quantileMs(0.99)), worstGap / 1e6, ms(senderLateP99), cpuMs, wall);
        }

        /** Milliseconds with two decimals, or "-" for a quantile of nothing. */
        private static String ms(double value) {
            return value < 0 ? "-" : String.format(Locale.ROOT, "%.2f", value);
        }

        void writeDetails(Path file, List<Call> calls) throws IOException {
            try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
                w.println("call;user;failure;detail;sent;received;expected;lost;jitter_p99_ms;jitter_max_ms;worst_gap_ms");
                for (Call c : calls) {
                    w.printf(Locale.ROOT, "%d;%s;%s;%s;%d;%d;%d;%d;%.2f;%.2f;%.1f%n", c.index, c.account.user(),
                            c.failure == null ? "" : c.failure,
                            c.failureDetail == null ? "" : c.failureDetail.replace(';', ','), c.sent,
                            c.received, c.expected(), c.lost(), c.jitter.quantileMs(0.99), c.jitter.max / 1e6,
                            c.worstGapNanos / 1e6);
                }
            }
        }
    }
}
