package dev.sipyard.calllog;

import dev.sipyard.common.Ids;
import dev.sipyard.store.Batch;
import dev.sipyard.store.NamedSql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * One transaction of the call log's writer. Besides its handle it carries the rows of the calls
 * open on this node ({@link OpenCalls}), as this transaction has changed them so far, and the
 * writes queued in it: new call rows, status moves of remembered rows and events, each sent as
 * one batch in plain JDBC (one round trip for all of them, not one each), in that order, before any other
 * statement runs on the handle and before the commit. What it changes in the open calls counts
 * only once it commits: a transaction that rolls back leaves them as they were.
 *
 * <p>A queued move is a guess that the stored row is still the remembered one; when the database
 * says otherwise (another node changed it), the transaction fails with {@link StaleMove}, and the
 * writer applies its writes again one per transaction, where moves are not queued but run at once
 * and fall back on reading the row.
 */
final class LogTransaction {
    private static final NamedSql INSERT_EVENT = NamedSql.of("INSERT INTO call_events "
            + "(id, call_id, project_id, at, kind, detail) VALUES (:id, :call, :project, :at, :kind, :detail)");

    /** A queued move found its row changed by someone else: the whole transaction is applied again, write by write. */
    static final class StaleMove extends RuntimeException {
        StaleMove(String callId) {
            super("the row of call " + callId + " changed elsewhere", null, false, false);
        }
    }

    private final Handle handle;
    private final OpenCalls open;
    private final boolean queueMoves;
    private final Map<String, CallRow> changed = new HashMap<>();
    private final List<String> movedCalls = new ArrayList<>();
    private Batch inserts;
    private Batch moves;
    private Batch events;

    /** {@code queueMoves}: status moves of remembered rows are batched (checked at the flush) rather than run at once. */
    LogTransaction(Handle handle, OpenCalls open, boolean queueMoves) {
        this.handle = handle;
        this.open = open;
        this.queueMoves = queueMoves;
    }

    /** The handle, for a statement that runs at once: the queued inserts and moves are sent first, so it sees them. */
    Handle handle() {
        flushRows();
        return handle;
    }

    boolean queuesMoves() {
        return queueMoves;
    }

    /** Queues a new call row ({@code sql} with its bindings); sent before any move or event of this transaction. */
    void insertCall(NamedSql sql, Consumer<Batch> bindings) {
        if (inserts == null) {
            inserts = new Batch(handle.getConnection(), sql);
        }
        bindings.accept(inserts);
        inserts.add();
    }

    /** Queues the status move of a remembered row ({@code sql} with its bindings), which must change exactly that row. */
    void queueMove(String callId, NamedSql sql, Consumer<Batch> bindings) {
        if (moves == null) {
            moves = new Batch(handle.getConnection(), sql);
        }
        bindings.accept(moves);
        moves.add();
        movedCalls.add(callId);
    }

    /** The row of an open call of this node as last written; empty when not known here (read it). */
    Optional<CallRow> remembered(String callId) {
        if (callId == null) {
            return Optional.empty();
        }
        return changed.containsKey(callId) ? Optional.ofNullable(changed.get(callId))
                : Optional.ofNullable(open.get(callId));
    }

    void remember(CallRow row) {
        changed.put(row.id(), row);
    }

    void forget(String callId) {
        changed.put(callId, null);
    }

    /** Queues an event of a call known to exist; it is inserted with the others before the commit. */
    void appendEvent(String callId, String projectId, long at, String kind, String detailJson) {
        if (events == null) {
            events = new Batch(handle.getConnection(), INSERT_EVENT);
        }
        // ids are made now, in the order the events happened: the event list is ordered by id
        events.bind("id", Ids.newId()).bind("call", callId).bind("project", projectId).bind("at", at)
                .bind("kind", kind).bind("detail", detailJson).add();
    }

    /** Sends everything queued; the last step before the commit. */
    void flush() {
        flushRows();
        if (events != null) {
            try (Batch sent = events) {
                events = null;
                sent.execute();
            }
        }
    }

    private void flushRows() {
        if (inserts != null) {
            try (Batch sent = inserts) {
                inserts = null;
                sent.execute();
            }
        }
        if (moves != null) {
            int[] counts;
            try (Batch sent = moves) {
                moves = null;
                counts = sent.execute();
            }
            for (int i = 0; i < counts.length; i++) {
                // SUCCESS_NO_INFO (-2): the driver could not count; only PostgreSQL and SQLite run here, and both count
                if (counts[i] == 0) {
                    throw new StaleMove(movedCalls.get(i));
                }
            }
            movedCalls.clear();
        }
    }

    /** The transaction committed: what it changed in the open calls now holds. */
    void committed() {
        open.apply(changed);
    }
}
