package dev.sipyard.store;

import dev.sipyard.common.Ids;
import dev.sipyard.common.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This run of this node, kept alive in {@code node_runs}: its row's {@code seen_at} is refreshed
 * every few seconds, so the other nodes (or this node's next start) can tell when it has died and
 * take over what it left unfinished. A run is the node id with a per-start suffix, so a restarted
 * node is a new run and never mistakes its predecessor's work for its own.
 */
public final class NodeRuns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeRuns.class);
    private static final Duration MAX_BEAT_EVERY = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final String nodeId;
    private final String run;
    private final Clock clock;
    private final Duration deadAfter;
    private final long beatEveryMillis;
    private final long startedAt;
    private volatile long lastBeat = -1;
    private volatile long steadySince = -1;
    private PeriodicTask loop;

    /**
     * This run of {@code nodeId}; a run unseen for {@code deadAfter} is taken as dead (it beats at
     * least three times in that span).
     */
    public NodeRuns(Jdbi jdbi, String nodeId, Clock clock, Duration deadAfter) {
        this.jdbi = jdbi;
        this.nodeId = nodeId;
        this.run = newRun(nodeId);
        this.clock = clock;
        this.deadAfter = deadAfter;
        this.beatEveryMillis = Math.min(MAX_BEAT_EVERY.toMillis(), deadAfter.toMillis() / 3);
        this.startedAt = clock.millis();
    }

    /** A new run's name: the node id and a suffix no other start of any node has. */
    public static String newRun(String nodeId) {
        return nodeId + "/" + Ids.newId();
    }

    /** The node id in a run's name. */
    public static String nodeOf(String run) {
        int slash = run.lastIndexOf('/');
        return slash < 0 ? run : run.substring(0, slash);
    }

    /** This run's name, as written in {@code calls.node_run} and in the outbox's leases. */
    public String run() {
        return run;
    }

    /** How long a run may go unseen before it is taken as dead. */
    public Duration deadAfter() {
        return deadAfter;
    }

    /** Writes this run's first sign of life, then keeps it fresh in the background. */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        beat();
        loop = PeriodicTask.start("node-run", Duration.ofMillis(beatEveryMillis), this::beat, log);
    }

    /**
     * Refreshes this run's row (writing it again if a sweeper removed it). A failed beat (the
     * database away) breaks the steady streak {@link #steadyFor} counts.
     */
    public void beat() {
        long now = clock.millis();
        try {
            jdbi.useHandle(h -> {
                int updated = h.createUpdate("UPDATE node_runs SET seen_at = :now WHERE run = :run")
                        .bind("now", now).bind("run", run).execute();
                if (updated == 0) {
                    h.createUpdate("INSERT INTO node_runs (run, node_id, started_at, seen_at) "
                                    + "VALUES (:run, :node, :started, :now)")
                            .bind("run", run).bind("node", nodeId).bind("started", startedAt).bind("now", now)
                            .execute();
                }
            });
            if (steadySince < 0 || now - lastBeat > deadAfter.toMillis()) {
                steadySince = now;
            }
            lastBeat = now;
        } catch (RuntimeException e) {
            steadySince = -1;
            log.debug("node run {} not refreshed: {}", run, e.toString());
        }
    }

    /**
     * Whether this run has reached the database at every beat for at least {@code span}. After an
     * outage every node's last sign of life is old; only once this node has been steadily back for
     * as long as a run may stay silent have the others had the time to beat again.
     */
    public boolean steadyFor(Duration span) {
        long since = steadySince;
        long now = clock.millis();
        return since >= 0 && now - since >= span.toMillis() && now - lastBeat <= deadAfter.toMillis();
    }

    /**
     * Stops beating, after a last beat: what this run leaves open is ended by a live node (or this
     * node's next start) once the run has been unseen for {@link #deadAfter()}, as ending at about now.
     */
    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
        beat();
    }
}
