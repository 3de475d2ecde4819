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
        this.maxBatch = maxBatch;
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
                write.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                failed.accept(List.copyOf(batch), e);
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
