package dev.sipyard.media;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The threads that encode audio, so that the clock never does: prompts (once per clip and codec)
 * and bridged audio (per frame, as it arrives). Platform threads, one fewer than the cores (at
 * least one): the OS time-slices them, so a long encoding neither stalls the clock and the
 * receive thread (which keep a core) nor the calls' virtual threads, as CPU-bound work on a
 * carrier thread would. The queue is FIFO and unbounded, but what waits in it is bounded by its
 * submitters: one task per clip being encoded and per bridged stream at a time.
 */
final class EncodeWorkers implements Executor, AutoCloseable {
    private final ThreadPoolExecutor pool;
    private final AtomicLong busyNanos = new AtomicLong();

    EncodeWorkers(String name) {
        this(name, Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
    }

    EncodeWorkers(String name, int threads) {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                task -> Thread.ofPlatform().name(name + "-" + count.getAndIncrement()).daemon().unstarted(task));
    }

    /** @throws java.util.concurrent.RejectedExecutionException after {@link #close} */
    @Override
    public void execute(Runnable task) {
        pool.execute(() -> {
            long start = System.nanoTime();
            try {
                task.run();
            } finally {
                busyNanos.addAndGet(System.nanoTime() - start);
            }
        });
    }

    /** Time spent running tasks, summed over the threads (for benchmarks and diagnostics). */
    long busyNanos() {
        return busyNanos.get();
    }

    /** Stops taking tasks; what runs finishes, what waits is dropped. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
