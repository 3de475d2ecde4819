package dev.sipyard.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Linux real-time scheduling ({@code SCHED_FIFO}) for the thread that calls it. The media clocks use
 * it: a clock that waits for a CPU behind other runnable threads delays every packet of its streams,
 * and callers hear that as jitter; under {@code SCHED_FIFO} it runs as soon as its deadline comes.
 * Java has no call for it, so the thread asks util-linux's {@code chrt} to change it by its kernel
 * thread id. Allowed for root, with {@code CAP_SYS_NICE}, or with an {@code RLIMIT_RTPRIO} of at
 * least the priority (systemd: {@code LimitRTPRIO=}); otherwise the thread keeps normal scheduling.
 */
final class RealtimeScheduling {
    static final int MAX_PRIORITY = 99;
    private static final long CHRT_TIMEOUT_SECONDS = 5;

    /** What became of a request: {@code applied}, or why not. */
    record Outcome(boolean applied, String detail) {}

    private RealtimeScheduling() {}

    /** Asks for {@code SCHED_FIFO} at {@code priority} (1-99) for the calling platform thread. */
    static Outcome applyToCurrentThread(int priority) {
        if (priority < 1 || priority > MAX_PRIORITY) {
            return new Outcome(false, "priority " + priority + " is outside 1-" + MAX_PRIORITY);
        }
        String threadId;
        try {
            // "/proc/thread-self" links to "<pid>/task/<tid>" of the thread that reads it
            threadId = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return new Outcome(false, "the thread's id is not readable from /proc/thread-self (not Linux?)");
        }
        try {
            Process chrt = new ProcessBuilder("chrt", "--fifo", "--pid", Integer.toString(priority), threadId)
                    .redirectErrorStream(true).start();
            chrt.getOutputStream().close();
            if (!chrt.waitFor(CHRT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                return new Outcome(false, "chrt did not finish within " + CHRT_TIMEOUT_SECONDS + " s");
            }
            String said = new String(chrt.getInputStream().readNBytes(400), StandardCharsets.UTF_8).strip();
            return chrt.exitValue() == 0
                    ? new Outcome(true, "SCHED_FIFO priority " + priority)
                    : new Outcome(false, said.isEmpty() ? "chrt exited with " + chrt.exitValue() : said);
        } catch (IOException e) {
            return new Outcome(false, "chrt (util-linux) could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, "interrupted");
        }
    }
}
