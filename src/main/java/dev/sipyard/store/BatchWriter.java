package dev.sipyard.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One thread that takes queued jobs and hands them to a writer in batches, in arrival order, so
 * that many changes share one transaction (and one commit). What is queued when it closes is
 * still written; a batch whose writer throws goes to {@code failed}.
 *
 * @param <J> a queued job (the change and whoever waits for it)
 */
public final class BatchWriter<J> implements AutoCloseable {
    private final int maxBatch;
    private final long gatherNanos;
    private final BlockingQueue<J> queue;
    private final Consumer<List<J>> write;
    private final BiConsumer<List<J>, RuntimeException> failed;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param capacity  jobs that may wait; {@link #offer} refuses more
     * @param write     writes one batch (in one transaction, typically)
     * @param failed    told about a batch whose write threw (its jobs must be failed)
     */
    public BatchWriter(String threadName, int maxBatch, int capacity, Consumer<List<J>> write,
                       BiConsumer<List<J>, RuntimeException> failed) {
        this(threadName, maxBatch, capacity, 0, write, failed);
    }

    /**
     * As above; {@code gatherMillis} after its first job, a batch that is not full waits for more
     * jobs (fewer, larger transactions, each write that much later).
     */
    public BatchWriter(String threadName, int maxBatch, int capacity, long gatherMillis, Consumer<List<J>> write,
                       BiConsumer<List<J>, RuntimeException> failed) {
        this.maxBatch = maxBatch;
        this.gatherNanos = TimeUnit.MILLISECONDS.toNanos(gatherMillis);
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.write = write;
        this.failed = failed;
        this.thread = Thread.ofPlatform().name(threadName).daemon().unstarted(this::loop);
        this.thread.start();
    }

    /** Queues a job; false when the writer is stopped or {@code capacity} jobs are already waiting. */
    public boolean offer(J job) {
        return running && queue.offer(job);
    }

    private void loop() {
        List<J> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                J first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                gather(batch);
                write.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                failed.accept(List.copyOf(batch), e);
            } catch (Error e) {
                // the thread must go on: were it to end, every later job would wait forever
                failed.accept(List.copyOf(batch), new IllegalStateException("the batch's write failed: " + e, e));
            } finally {
                batch.clear();
            }
        }
        List<J> left = new ArrayList<>();
        queue.drainTo(left);
        if (!left.isEmpty()) {
            failed.accept(left, new IllegalStateException("stopping"));
        }
    }

    /** Waits up to the gathering time for more jobs, while the batch is not full. */
    private void gather(List<J> batch) throws InterruptedException {
        long until = System.nanoTime() + gatherNanos;
        long left;
        while (batch.size() < maxBatch && (left = until - System.nanoTime()) > 0) {
            J next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, maxBatch - batch.size());
        }
    }

    /** Stops taking jobs and waits (up to 5 s) until the queued ones are written. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
