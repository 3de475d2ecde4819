package dev.sipyard.calllog;

import dev.sipyard.common.Ids;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * One transaction of the call log's writer. Besides its handle it carries the rows of the calls
 * open on this node ({@link OpenCalls}), as this transaction has changed them so far, and the
 * events appended in it, which go to the database as one batch just before the commit (one round
 * trip for all of them, not one each). What it changes in the open calls counts only once it
 * commits: a transaction that rolls back leaves them as they were.
 */
final class LogTransaction {
    private static final String INSERT_EVENT = "INSERT INTO call_events (id, call_id, project_id, at, kind, detail) "
            + "VALUES (:id, :call, :project, :at, :kind, :detail)";

    private final Handle handle;
    private final OpenCalls open;
    private final Map<String, CallRow> changed = new HashMap<>();
    private PreparedBatch events;

    LogTransaction(Handle handle, OpenCalls open) {
        this.handle = handle;
        this.open = open;
    }

    Handle handle() {
        return handle;
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
            events = handle.prepareBatch(INSERT_EVENT);
        }
        // ids are made now, in the order the events happened: the event list is ordered by id
        events.bind("id", Ids.newId()).bind("call", callId).bind("project", projectId).bind("at", at)
                .bind("kind", kind).bind("detail", detailJson).add();
    }

    /** Sends the queued events; the last step before the commit. */
    void flush() {
        if (events != null && events.size() > 0) {
            events.execute();
        }
    }

    /** The transaction committed: what it changed in the open calls now holds. */
    void committed() {
        open.apply(changed);
    }
}
