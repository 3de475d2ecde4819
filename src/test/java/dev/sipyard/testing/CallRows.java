package dev.sipyard.testing;

import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Seeds the call log with SQL, as the call engine will write it. The engine (the write side,
 * {@code calllog.CallLog}) is being built in parallel, so the read side is tested on rows
 * inserted here, column by column as V4__calls.sql defines them.
 */
public final class CallRows {
    private final Jdbi jdbi;

    public CallRows(TestServer server) {
        this.jdbi = server.server().database().jdbi();
    }

    /** One call leg; returns its id. Times are epoch milliseconds; end null = still going. */
    public record Call(String projectId, String parentId, String from, String to, String status, long start,
                       Long end, Integer sipResultCode) {}

    public String insert(Call c) {
        String id = UUID.randomUUID().toString();
        Integer duration = c.end() == null ? null : (int) ((c.end() - c.start()) / 1000);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO calls (id, project_id, parent_call_id, direction, "
                        + "from_address, to_address, caller_name, caller_endpoint_id, phone_number_id, handler, "
                        + "decision, status, reason, sip_call_id, sip_result_code, start_time, answer_time, end_time, "
                        + "duration, created_at, updated_at) VALUES (:id, :p, :parent, :direction, :from, :to, "
                        + "'Alice', NULL, NULL, 'passthrough', :decision, :status, NULL, :callId, :code, :start, "
                        + ":answer, :end, :duration, :start, :updated)")
                .bind("id", id).bind("p", c.projectId()).bind("parent", c.parentId())
                .bind("direction", c.parentId() == null ? "inbound" : "outbound-dial")
                .bind("from", c.from()).bind("to", c.to())
                .bind("decision", "{\"action\":\"ring\",\"target\":\"" + c.to() + "\"}")
                .bind("status", c.status()).bind("callId", id + "@test")
                .bind("code", c.sipResultCode()).bind("start", c.start())
                .bind("answer", c.end() == null ? null : c.start() + 1000).bind("end", c.end())
                .bind("duration", duration).bind("updated", c.end() == null ? c.start() : c.end())
                .execute());
        return id;
    }

    /** One event of a call; returns its id (time-ordered, so events list in insertion order). */
    public String event(String projectId, String callId, long at, String kind, String detailJson) {
        String id = dev.sipyard.common.Ids.newId();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO call_events (id, call_id, project_id, at, kind, detail) "
                        + "VALUES (:id, :c, :p, :at, :kind, :detail)")
                .bind("id", id).bind("c", callId).bind("p", projectId).bind("at", at).bind("kind", kind)
                .bind("detail", detailJson).execute());
        return id;
    }
}
