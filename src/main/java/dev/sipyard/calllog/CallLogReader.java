package dev.sipyard.calllog;

import dev.sipyard.common.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Reads the call log (the read side; the call engine writes it). Lists are newest first (start
 * time, then id) and page by keyset: a cursor is the id of a call on the page before, and the
 * page continues after it, whatever was added meanwhile.
 */
public final class CallLogReader {
    private static final String ORDER_NEWEST = " ORDER BY start_time DESC, id DESC";
    private static final String ORDER_OLDEST = " ORDER BY start_time ASC, id ASC";
    private static final String CURSOR_TIME = "(SELECT start_time FROM calls WHERE id = :cursor AND project_id = :p)";

    private final Jdbi jdbi;

    public CallLogReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One request for a page of calls. */
    public record PageQuery(CallFilter filter, String cursor, boolean backward, long offset, int limit) {}

    /**
     * Up to {@code limit} calls of the project in fetch order: newest first after the cursor, or,
     * when {@code backward}, oldest first before it (nearest the cursor first, as
     * {@link dev.sipyard.common.Page#of} expects). Without a cursor: newest first from {@code offset}.
     */
    public List<LoggedCall> list(String projectId, PageQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM calls WHERE project_id = :p");
        CallFilter f = q.filter();
        if (f.to() != null) {
            sql.append(" AND to_address = :to");
        }
        if (f.from() != null) {
            sql.append(" AND from_address = :from");
        }
        if (f.status() != null) {
            sql.append(" AND status = :status");
        }
        if (f.parentCallId() != null) {
            sql.append(" AND parent_call_id = :parent");
        }
        if (f.startFrom() != null) {
            sql.append(" AND start_time >= :startFrom");
        }
        if (f.startUntil() != null) {
            sql.append(" AND start_time < :startUntil");
        }
        if (q.cursor() != null) {
            String cmp = q.backward() ? ">" : "<";
            sql.append(" AND (start_time ").append(cmp).append(' ').append(CURSOR_TIME)
                    .append(" OR (start_time = ").append(CURSOR_TIME).append(" AND id ").append(cmp).append(" :cursor))");
        }
        sql.append(q.backward() ? ORDER_OLDEST : ORDER_NEWEST).append(" LIMIT :limit");
        if (q.cursor() == null && q.offset() > 0) {
            sql.append(" OFFSET :offset");
        }
        List<LoggedCall> rows = jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString()).bind("p", projectId).bind("limit", q.limit());
            bindIfSet(query, "to", f.to());
            bindIfSet(query, "from", f.from());
            bindIfSet(query, "status", f.status());
            bindIfSet(query, "parent", f.parentCallId());
            bindIfSet(query, "cursor", q.cursor());
            if (f.startFrom() != null) {
                query.bind("startFrom", f.startFrom().longValue());
            }
            if (f.startUntil() != null) {
                query.bind("startUntil", f.startUntil().longValue());
            }
            if (q.cursor() == null && q.offset() > 0) {
                query.bind("offset", q.offset());
            }
            return query.map((rs, ctx) -> call(rs)).list();
        });
        return rows;
    }

    /** The call {@code id} of the project; empty for an unknown id or another project's. */
    public Optional<LoggedCall> find(String projectId, String id) {
        if (!Ids.isId(id)) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM calls WHERE id = :id AND project_id = :p")
                .bind("id", id).bind("p", projectId).map((rs, ctx) -> call(rs)).findOne());
    }

    /**
     * Up to {@code limit} events of call {@code callId}, in the order they happened (by id), after
     * event {@code cursor} (or before it, when {@code backward}; null: from the first).
     */
    public List<CallEvent> events(String projectId, String callId, String cursor, boolean backward, int limit) {
        String sql = "SELECT * FROM call_events WHERE call_id = :c AND project_id = :p"
                + (cursor == null ? "" : backward ? " AND id < :cursor" : " AND id > :cursor")
                + (backward ? " ORDER BY id DESC" : " ORDER BY id") + " LIMIT :limit";
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql).bind("c", callId).bind("p", projectId).bind("limit", limit);
            bindIfSet(query, "cursor", cursor);
            return query.map((rs, ctx) -> new CallEvent(rs.getString("id"), rs.getString("call_id"),
                    rs.getLong("at"), rs.getString("kind"), rs.getString("detail"))).list();
        });
    }

    private static void bindIfSet(Query q, String name, String value) {
        if (value != null) {
            q.bind(name, value);
        }
    }

    private static LoggedCall call(ResultSet rs) throws SQLException {
        return new LoggedCall(rs.getString("id"), rs.getString("project_id"), rs.getString("parent_call_id"),
                rs.getString("direction"), rs.getString("from_address"), rs.getString("to_address"),
                rs.getString("caller_name"), rs.getString("caller_endpoint_id"), rs.getString("phone_number_id"),
                rs.getString("handler"), rs.getString("decision"), rs.getString("status"), rs.getString("reason"),
                rs.getString("sip_call_id"), nullableInt(rs, "sip_result_code"), rs.getLong("start_time"),
                nullableLong(rs, "answer_time"), nullableLong(rs, "end_time"), nullableInt(rs, "duration"),
                rs.getLong("created_at"), rs.getLong("updated_at"));
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : (int) v;
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
