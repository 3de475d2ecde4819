package dev.sipyard.media;

import dev.sipyard.media.audio.AudioClip;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Prints (never asserts) what the pacing clock spends per tick under load: streams playing one
 * cached prompt over and over (PCMU and Opus), then Opus streams sending audio bridged from PCMU
 * streams. Not a unit test (timings depend on the machine). Run from the project root:
 *
 * <pre>
 * ./mvnw -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) dev.sipyard.media.ClockLoadBench [pcmu opus bridged seconds]
 * </pre>
 *
 * Every stream sends to one loopback socket that is never read (the kernel drops what does not
 * fit), so the figures are the engine's own work. "bridged" units are three streams: a PCMU
 * stream playing the prompt to a PCMU stream that is bridged to an Opus stream.
 */
final class ClockLoadBench {
    private static final long SEED = 1;

    private ClockLoadBench() {}

    public static void main(String[] args) throws Exception {
        int pcmu = arg(args, 0, 200);
        int opus = arg(args, 1, 50);
        int bridged = arg(args, 2, 25);
        int seconds = arg(args, 3, 10);
        System.out.printf("%d cores, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version(), Files.readString(Path.of("/proc/loadavg")).strip());
        AudioClip prompt = prompt(SEED);
        run("warm-up (JIT, not a result)", 20, 5, 5, 5, prompt);
        run("prompts", pcmu, opus, 0, seconds, prompt);
        run("bridged", 0, 0, bridged, seconds, prompt);
    }

    private static void run(String label, int pcmu, int opus, int bridged, int seconds, AudioClip prompt)
            throws Exception {
        int streams = pcmu + opus + 3 * bridged;
        AtomicBoolean running = new AtomicBoolean(true);
        try (MediaEngine engine = MediaFixtures.engine(2 * streams + 8, Duration.ZERO);
             DatagramSocket sink = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            InetSocketAddress to = (InetSocketAddress) sink.getLocalSocketAddress();
            List<MediaStream> open = new ArrayList<>();
            for (int i = 0; i < pcmu + opus; i++) {
                MediaStream s = engine.open();
                open.add(s);
                String codec = i < pcmu ? "PCMU" : "OPUS";
                s.start(MediaFixtures.negotiation(codec, i < pcmu ? 0 : 111, to, 101, null, null), "127.0.0.1");
                replay(s, prompt, running);
            }
            for (int i = 0; i < bridged; i++) {
                MediaStream player = engine.open();
                MediaStream caller = engine.open();
                MediaStream callee = engine.open();
                open.addAll(List.of(player, caller, callee));
                player.start(MediaFixtures.negotiation("PCMU", 0, MediaFixtures.address(caller), 101, null, null),
                        "127.0.0.1");
                caller.start(MediaFixtures.negotiation("PCMU", 0, MediaFixtures.address(player), 101, null, null),
                        "127.0.0.1");
                callee.start(MediaFixtures.negotiation("OPUS", 111, to, 101, null, null), "127.0.0.1");
                caller.bridge(callee);
                replay(player, prompt, running);
            }
            Thread.sleep(2_000); // settling: every stream playing, buffers primed
            long droppedBefore = dropped(open);
            Sample before = Sample.of(engine.clocks());
            Thread.sleep(seconds * 1_000L);
            Sample after = Sample.of(engine.clocks());
            long droppedAfter = dropped(open);
            running.set(false);
            print(label, pcmu, opus, bridged, before, after);
            if (bridged > 0) {
                System.out.printf("  bridged chunks dropped (encoders behind): %d of %d while measured, %d at start%n",
                        droppedAfter - droppedBefore, (long) bridged * 50 * seconds, droppedBefore);
            }
            for (MediaStream s : open) {
                s.close();
            }
        }
    }

    private static long dropped(List<MediaStream> streams) {
        return streams.stream().mapToLong(MediaStream::bridgedChunksDropped).sum();
    }

    private static void replay(MediaStream stream, AudioClip clip, AtomicBoolean running) {
        stream.play(List.of(clip), false).thenRun(() -> {
            if (running.get()) {
                replay(stream, clip, running);
            }
        });
    }

    private static void print(String label, int pcmu, int opus, int bridged, Sample a, Sample b) {
        long ticks = b.ticks - a.ticks;
        double wall = (b.wallNanos - a.wallNanos) / 1e9;
        System.out.printf("%s: %d PCMU + %d Opus playing, %d bridged PCMU->Opus%n", label, pcmu, opus, bridged);
        System.out.printf("  clock: %.3f ms busy per tick (mean), max %.3f ms since start, %.1f ticks/s, "
                        + "%d ticks skipped; clock thread CPU %.3f ms per tick%n",
                (b.busyNanos - a.busyNanos) / 1e6 / Math.max(1, ticks), b.maxBusyNanos / 1e6, ticks / wall,
                b.skipped - a.skipped, (b.clockCpuNanos - a.clockCpuNanos) / 1e6 / Math.max(1, ticks));
        System.out.printf("  other media threads' CPU: receive %.1f ms/s, encode workers %.1f ms/s; "
                        + "whole process %.1f ms/s%n",
                (b.receiveCpuNanos - a.receiveCpuNanos) / 1e6 / wall, (b.encodeCpuNanos - a.encodeCpuNanos) / 1e6 / wall,
                (b.processCpuNanos - a.processCpuNanos) / 1e6 / wall);
    }

    /** A snapshot of the clock's counters and of the media threads' CPU time. */
    private record Sample(long wallNanos, long ticks, long skipped, long busyNanos, long maxBusyNanos,
                          long clockCpuNanos, long receiveCpuNanos, long encodeCpuNanos, long processCpuNanos) {
        /** The clocks' counters summed (ticks: of all clocks; longest tick: of any). */
        static Sample of(java.util.List<PacingClock> clocks) {
            return new Sample(System.nanoTime(), clocks.stream().mapToLong(PacingClock::ticks).sum(),
                    clocks.stream().mapToLong(PacingClock::skippedTicks).sum(),
                    clocks.stream().mapToLong(PacingClock::busyNanos).sum(),
                    clocks.stream().mapToLong(PacingClock::maxBusyNanos).max().orElse(0),
                    cpu("media-clock"), cpu("media-receive"), cpu("media-encode"),
                    ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                            .getProcessCpuTime());
        }

        /** CPU time of the live threads whose name starts with {@code prefix}. */
        private static long cpu(String prefix) {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().startsWith(prefix)) {
                    sum += Math.max(0, threads.getThreadCpuTime(t.threadId()));
                }
            }
            return sum;
        }
    }

    /** Five seconds at 22.05 kHz (espeak-ng's rate): three partials, syllable-like swells, some noise. */
    private static AudioClip prompt(long seed) {
        int rate = 22_050;
        Random random = new Random(seed);
        short[] samples = new short[rate * 5];
        for (int i = 0; i < samples.length; i++) {
            double t = (double) i / rate;
            double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 3 * t);
            double voice = Math.sin(2 * Math.PI * 220 * t) + 0.5 * Math.sin(2 * Math.PI * 660 * t)
                    + 0.25 * Math.sin(2 * Math.PI * 1300 * t);
            samples[i] = (short) (6_000 * envelope * voice + 300 * random.nextGaussian());
        }
        return new AudioClip(rate, samples);
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
