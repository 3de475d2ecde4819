package dev.sipyard.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The media clocks' scheduling class, read back from the kernel ({@code /proc/self/task/<tid>/stat}).
 * Real-time priority needs root or {@code CAP_SYS_NICE}, which the CI run has (it installs packages as root).
 */
class MediaClockSchedulingTest {
    private static final int SCHED_OTHER = 0;
    private static final int SCHED_FIFO = 1;

    @Test
    void clocksRunUnderSchedFifoAtTheConfiguredPriority() throws IOException {
        Set<String> before = clockThreads().keySet();
        try (MediaEngine engine = engine(10)) {
            List<int[]> clocks = clockThreadsStartedSince(before);
            assertThat(clocks).as("media clock threads").hasSize(engine.clocks().size());
            for (int[] clock : clocks) {
                assertThat(clock[0]).as("policy (needs root or CAP_SYS_NICE)").isEqualTo(SCHED_FIFO);
                assertThat(clock[1]).as("real-time priority").isEqualTo(10);
            }
        }
    }

    @Test
    void priorityZeroLeavesTheClocksOnNormalScheduling() throws IOException {
        Set<String> before = clockThreads().keySet();
        try (MediaEngine engine = engine(0)) {
            // nothing waits for these threads to run, and a thread names itself once it runs
            Await.until("every media clock thread running", () -> started(before) == engine.clocks().size());
            List<int[]> clocks = clockThreadsStartedSince(before);
            assertThat(clocks).hasSize(engine.clocks().size());
            for (int[] clock : clocks) {
                assertThat(clock[0]).isEqualTo(SCHED_OTHER);
                assertThat(clock[1]).isZero();
            }
        }
    }

    @Test
    void aPriorityOutsideLinuxsRangeIsRefusedWithTheReason() {
        RealtimeScheduling.Outcome outcome = RealtimeScheduling.applyToCurrentThread(100);
        assertThat(outcome.applied()).isFalse();
        assertThat(outcome.detail()).contains("outside 1-99");
    }

    private static MediaEngine engine(int priority) {
        int base = 20_000 + 2 * ThreadLocalRandom.current().nextInt(5_000);
        return new MediaEngine(new MediaSettings("127.0.0.1", "127.0.0.1", base, base + 7, Duration.ZERO, null,
                priority));
    }

    private static int started(Set<String> before) {
        try {
            return clockThreadsStartedSince(before).size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {policy, rt_priority} of the media clock threads not in {@code before} (other engines may be open). */
    private static List<int[]> clockThreadsStartedSince(Set<String> before) throws IOException {
        List<int[]> found = new ArrayList<>();
        clockThreads().forEach((tid, stat) -> {
            if (!before.contains(tid)) {
                // fields after the ")" that closes the name start at field 3; rt_priority is 40, policy 41
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                found.add(new int[] {Integer.parseInt(f[41 - 3]), Integer.parseInt(f[40 - 3])});
            }
        });
        return found;
    }

    /** Thread id to {@code stat} line of each live thread of this process named media-clock-N. */
    private static Map<String, String> clockThreads() throws IOException {
        Map<String, String> found = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().matches("media-clock-\\d+")) {
                        found.put(task.getFileName().toString(), Files.readString(task.resolve("stat")));
                    }
                } catch (IOException gone) {
                    // a thread that ended while listed
                }
            }
        }
        return found;
    }
}
