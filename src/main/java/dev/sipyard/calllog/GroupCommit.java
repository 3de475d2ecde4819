package dev.sipyard.calllog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import dev.sipyard.store.BatchWriter;
import dev.sipyard.store.Database;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes of the call log, applied in arrival order by one {@link BatchWriter} that commits many
 * at once: under load a call costs a share of one commit, not a commit per state change. A batch
 * that fails (a bad write, or a status move queued for a row changed elsewhere: see
 * {@link LogTransaction}) is retried write by write, so one bad write fails alone; a batch that fails because
 * the database is unreachable is retried until it is back. Each write's future completes once it
 * is committed.
 */
final class GroupCommit implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;
    /**
     * How long a batch waits for more writes after its first. Without it, at 300 calls/s the writer
     * committed some 650 small transactions a second, and PostgreSQL spent more on them than on
     * the rows: waiting 10 ms cut its CPU per call by a third (bench/README.md). A call's changes are
     * on record that much later. A final response to the caller waits for its record (CallSession),
     * so it reaches the caller up to 10 ms later; a provisional one does not wait, so neither does
     * the post-dial delay.
     */
    private static final long GATHER_MILLIS = 10;
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 1_000;

    /** One write: runs in the batch's transaction; true when it queued a status callback. */
    interface Write {
        boolean apply(LogTransaction tx);
    }

    private record Job(Write write, CompletableFuture<Boolean> done) {}

    private final Jdbi jdbi;
    private final OpenCalls open = new OpenCalls();
    private final Consumer<Boolean> afterCommit;
    private final BatchWriter<Job> writer;
    private volatile boolean closing;

    /** {@code afterCommit} is told after each commit whether any write of it queued a callback. */
    GroupCommit(Jdbi jdbi, Consumer<Boolean> afterCommit) {
        this.jdbi = jdbi;
        this.afterCommit = afterCommit;
        this.writer = new BatchWriter<>("call-log-writer", MAX_BATCH, 100_000, GATHER_MILLIS, this::write,
                (batch, e) -> batch.forEach(job -> fail(job, e)));
    }

    CompletableFuture<Boolean> submit(Write write) {
        Job job = new Job(write, new CompletableFuture<>());
        if (!writer.offer(job)) {
            job.done().completeExceptionally(new IllegalStateException("the call log is closed or overloaded"));
        }
        return job.done();
    }

    private void write(List<Job> batch) {
        boolean[] results = new boolean[batch.size()];
        try {
            commit(batch, results);
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                fail(batch.get(0), batchFailed);
                return;
            }
            for (Job job : batch) {
                try {
                    boolean[] queued = new boolean[1];
                    commit(List.of(job), queued);
                    afterCommit.accept(queued[0]);
                    job.done().complete(queued[0]);
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

    /** Applies {@code jobs} in one transaction (waiting out an unreachable database); each one's result into {@code results}. */
    private void commit(List<Job> jobs, boolean[] results) {
        LogTransaction committed = untilReachable(() -> jdbi.inTransaction(h -> {
            LogTransaction tx = new LogTransaction(h, open, jobs.size() > 1);
            for (int i = 0; i < jobs.size(); i++) {
                results[i] = jobs.get(i).write().apply(tx);
            }
            tx.flush();
            return tx;
        }));
        committed.committed();
    }

    /**
     * Runs {@code transaction}, again and again while it fails because the database is
     * unreachable (a restart, a fail-over): a write the call's progress has acknowledged waits
     * for the database rather than vanish. Later writes queue behind it, in order. Gives up only
     * when the writer is closing.
     */
    private <T> T untilReachable(java.util.function.Supplier<T> transaction) {
        long pause = FIRST_RETRY_MILLIS;
        while (true) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (!Database.isUnavailable(e) || closing) {
                    throw e;
                }
                log.debug("call log write waits for the database: {}", e.toString());
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the database", e);
            }
            pause = Math.min(pause * 2, MAX_RETRY_MILLIS);
        }
    }

    private static void fail(Job job, RuntimeException e) {
        log.warn("call log write failed: {}", e.toString());
        job.done().completeExceptionally(e);
    }

    @Override
    public void close() {
        closing = true;
        writer.close();
    }
}
