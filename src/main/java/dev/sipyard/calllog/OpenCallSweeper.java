package dev.sipyard.calllog;

import dev.sipyard.common.PeriodicTask;
import dev.sipyard.store.NodeRuns;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the calls a dead node left open. A node killed (or a machine lost) mid-call cannot write
 * its calls' ends; without this their rows would say {@code in-progress} for ever and their
 * final status callbacks would never go out. Every node sweeps: a call whose node run has not
 * been seen for {@link NodeRuns#deadAfter()} is ended through this node's {@link CallLog}
 * ({@code completed} if it was answered, else {@code failed}, at the run's last sign of life),
 * with its final callback queued in the outbox like any other. Nodes sweep only once they have
 * themselves been steadily in touch with the database that long, so a database outage, which
 * silences every node at once, never makes live nodes look dead.
 */
public final class OpenCallSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpenCallSweeper.class);
    private static final int BATCH = 500;

    private final Jdbi jdbi;
    private final CallLog callLog;
    private final NodeRuns runs;
    private final Clock clock;
    private PeriodicTask loop;

    private record LeftOpen(String callId, String run, Long seenAt) {}

    public OpenCallSweeper(Jdbi jdbi, CallLog callLog, NodeRuns runs, Clock clock) {
        this.jdbi = jdbi;
        this.callLog = callLog;
        this.runs = runs;
        this.clock = clock;
    }

    /** Sweeps in the background, a few times per {@link NodeRuns#deadAfter()}. */
    public synchronized void start() {
        if (loop == null) {
            loop = PeriodicTask.start("open-call-sweeper",
                    Duration.ofMillis(Math.max(1_000, runs.deadAfter().toMillis() / 3)), this::sweep, log);
        }
    }

    /**
     * Ends (up to a batch of) the calls of runs unseen for longer than {@link NodeRuns#deadAfter()},
     * waits until those ends are committed, then forgets the runs with nothing left open. Returns
     * how many calls it ended; 0 while this node is not yet steadily in touch with the database.
     */
    public int sweep() {
        if (!runs.steadyFor(runs.deadAfter())) {
            return 0;
        }
        long now = clock.millis();
        long cutoff = now - runs.deadAfter().toMillis();
        List<LeftOpen> left = jdbi.withHandle(h -> h.createQuery("SELECT c.id, c.node_run, r.seen_at FROM calls c "
                        + "LEFT JOIN node_runs r ON r.run = c.node_run WHERE c.end_time IS NULL "
                        + "AND c.node_run IS NOT NULL AND c.node_run <> :me AND (r.seen_at IS NULL OR r.seen_at < :cutoff) "
                        + "ORDER BY c.id LIMIT " + BATCH)
                .bind("me", runs.run()).bind("cutoff", cutoff)
                .map((rs, ctx) -> {
                    long seen = rs.getLong(3);
                    return new LeftOpen(rs.getString(1), rs.getString(2), rs.wasNull() ? null : seen);
                })
                .list());
        List<CompletableFuture<Boolean>> ends = new ArrayList<>();
        Map<String, Integer> perRun = new LinkedHashMap<>();
        for (LeftOpen call : left) {
            ends.add(callLog.endLeftOpen(call.callId(), call.seenAt() == null ? now : call.seenAt(), "node "
                    + NodeRuns.nodeOf(call.run()) + " stopped before the call ended; its end is when the node was last seen"));
            perRun.merge(call.run(), 1, Integer::sum);
        }
        try {
            CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            log.info("some calls left open by a stopped node were not ended yet: {}", e.getCause().toString());
        }
        perRun.forEach((run, n) -> log.info("ended {} call(s) left open by node run {}, which is no longer seen", n, run));
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM node_runs WHERE seen_at < :cutoff AND run <> :me "
                        + "AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.node_run = node_runs.run AND c.end_time IS NULL)")
                .bind("cutoff", cutoff).bind("me", runs.run()).execute());
        return left.size();
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }
}
