package dev.sipyard.calllog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes of the call log, applied in arrival order by one thread that commits many at once: under
 * load a call costs a share of one commit, not a commit per state change. A batch that fails is
 * retried write by write, so one bad write fails alone. Each write's future completes once it is
 * committed.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;

    /** One write: runs in the batch's transaction; true when it queued a status callback. */
    interface Write {
        boolean apply(Handle h);
    }

    private record Job(Write write, CompletableFuture<Boolean> done) {}

    private final Jdbi jdbi;
    private final Consumer<Boolean> afterCommit;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    /** {@code afterCommit} is told after each commit whether any write of it queued a callback. */
    GroupCommit(Jdbi jdbi, Consumer<Boolean> afterCommit) {
        this.jdbi = jdbi;
        this.afterCommit = afterCommit;
        this.writer = Thread.ofPlatform().name("call-log-writer").daemon().unstarted(this::loop);
        this.writer.start();
    }

    CompletableFuture<Boolean> submit(Write write) {
        Job job = new Job(write, new CompletableFuture<>());
        if (!running) {
            job.done().completeExceptionally(new IllegalStateException("the call log is closed"));
            return job.done();
        }
        queue.add(job);
        return job.done();
    }

    private void loop() {
        List<Job> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Job> batch) {
        boolean[] results = new boolean[batch.size()];
        try {
            jdbi.useTransaction(h -> {
                for (int i = 0; i < batch.size(); i++) {
                    results[i] = batch.get(i).write().apply(h);
                }
            });
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                fail(batch.get(0), batchFailed);
                return;
            }
            for (Job job : batch) {
                try {
                    boolean queued = jdbi.inTransaction(h -> job.write().apply(h));
                    afterCommit.accept(queued);
                    job.done().complete(queued);
                } catch (RuntimeException e) {
                    fail(job, e);
                }
            }
            return;
        }
        boolean any = false;
        for (boolean r : results) {
            any |= r;
        }
        afterCommit.accept(any);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(results[i]);
        }
    }

    private static void fail(Job job, RuntimeException e) {
        log.warn("call log write failed: {}", e.toString());
        job.done().completeExceptionally(e);
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
