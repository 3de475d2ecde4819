package dev.sipyard.calllog;

import dev.sipyard.common.Ids;
import dev.sipyard.store.Batch;
import dev.sipyard.store.NamedSql;
import dev.sipyard.store.RowLocks;
import dev.sipyard.webhook.Outbox;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of the call log ({@code calls}, {@code call_events}). Each status change and
 * its status callback are written in one transaction (the callback as an {@link Outbox} row),
 * then the outbox is woken. A call's status only moves forward: initiated, ringing, in-progress,
 * then one final status; anything that would go back, repeat, or follow the end is ignored.
 * Unknown call ids are ignored too (logged at debug level), so the call engine never fails on them.
 */
public final class CallLog {
    private static final Logger log = LoggerFactory.getLogger(CallLog.class);
    /** The final statuses {@link #ended} accepts. */
    public static final Set<String> FINAL_STATUSES = Set.of("completed", "busy", "no-answer", "failed", "canceled");

    private static final int INITIATED = 0;
    private static final int RINGING = 1;
    private static final int IN_PROGRESS = 2;
    private static final int ENDED = 3;

    private static final NamedSql INSERT_CALL = NamedSql.of("INSERT INTO calls (id, project_id, parent_call_id, direction, "
            + "from_address, to_address, caller_name, caller_endpoint_id, phone_number_id, status, sip_call_id, "
            + "status_callback_url, status_callback_method, callback_sequence, start_time, created_at, updated_at, "
            + "node_run, handler, decision) VALUES (:id, :project, :parent, :direction, :from, :to, :callerName, "
            + ":endpoint, :number, 'initiated', :sipCallId, :cbUrl, :cbMethod, :sequence, :now, :now, :now, "
            + ":nodeRun, :handler, :decision)");
    /** A status move, applied only to the row as it was before (see {@link #move}). */
    private static final NamedSql MOVE = NamedSql.of("UPDATE calls SET status = :status, updated_at = :now, answer_time = :answer, "
            + "end_time = :end, duration = :duration, sip_result_code = :code, reason = :reason, "
            + "callback_sequence = :sequence WHERE id = :id AND status = :was AND callback_sequence = :wasSequence "
            + "AND COALESCE(status_callback_url, '') = :wasUrl");

    private final Jdbi jdbi;
    private final Outbox outbox;
    private final Clock clock;
    private final GroupCommit commits;
    private final String nodeRun;

    /**
     * A call log over {@code jdbi} whose callbacks go to {@code outbox}; times come from {@code clock}.
     * Its calls name no node run, so no {@link OpenCallSweeper} ever closes them.
     */
    public CallLog(Jdbi jdbi, Outbox outbox, Clock clock) {
        this(jdbi, outbox, clock, null);
    }

    /**
     * As above; the calls it opens name {@code nodeRun} (this run of this node, kept alive by
     * {@link dev.sipyard.store.NodeRuns}), so that a live node closes them if this one dies.
     */
    public CallLog(Jdbi jdbi, Outbox outbox, Clock clock, String nodeRun) {
        this.jdbi = jdbi;
        this.outbox = outbox;
        this.clock = clock;
        this.nodeRun = nodeRun;
        this.commits = new GroupCommit(jdbi, queued -> {
            if (queued) {
                outbox.wake();
            }
        });
    }

    /** Stops the writer once what was queued is written. */
    public void close() {
        commits.close();
    }

    /** Opens a call in status {@code initiated} (callback {@code initiated}) and returns its CallSid. */
    public String open(NewCall c) {
        String id = openQueued(c);
        sync(commits.submit(tx -> false));
        return id;
    }

    /**
     * As {@link #open}, without waiting for the write: the call's later changes are queued behind
     * it, so they apply in order. Returns the CallSid.
     */
    public String openQueued(NewCall c) {
        return openQueued(c, null, null);
    }

    /**
     * As {@link #openQueued(NewCall)} followed by {@link #decidedQueued}, written as one row insert
     * (events {@code status} and {@code decision}). {@code decision} null: no decision yet.
     */
    public String openQueued(NewCall c, String handler, String decision) {
        String id = Ids.newId();
        long now = clock.millis();
        String direction = c.direction() == null ? "inbound" : c.direction();
        String from = c.from() == null ? "" : c.from();
        String to = c.to() == null ? "" : c.to();
        String callbackUrl = blankToNull(c.statusCallbackUrl());
        String callbackMethod = method(c.statusCallbackMethod());
        commits.submit(tx -> {
            tx.insertCall(INSERT_CALL, b -> b.bind("id", id).bind("project", c.projectId())
                    .bind("parent", c.parentCallId()).bind("direction", direction).bind("from", from).bind("to", to)
                    .bind("callerName", c.callerName()).bind("endpoint", c.callerEndpointId())
                    .bind("number", c.phoneNumberId()).bind("sipCallId", c.sipCallId())
                    .bind("cbUrl", callbackUrl).bind("cbMethod", callbackMethod)
                    .bind("sequence", callbackUrl == null ? 0 : 1).bind("now", now).bind("nodeRun", nodeRun)
                    .bind("handler", handler).bind("decision", decision));
            CallRow row = new CallRow(id, c.projectId(), c.parentCallId(), direction, from, to, c.callerName(),
                    "initiated", callbackUrl, callbackMethod, 0, now, null, null, null, null, null);
            tx.remember(row.withCallbackSequence(callbackUrl == null ? 0 : 1));
            appendEvent(tx, id, now, "status", Map.of("status", "initiated"));
            if (decision != null) {
                appendEvent(tx, id, now, "decision", decisionDetail(handler, decision));
            }
            return enqueueCallback(tx.handle(), row, "initiated", Map.of(), now);
        });
        return id;
    }

    private static Map<String, Object> decisionDetail(String handler, String decision) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("handler", handler);
        detail.put("decision", decision);
        return detail;
    }

    /** Records the handler that routed the call and what it decided (event {@code decision}). */
    public void decided(String callId, String handler, String decision) {
        sync(decidedQueued(callId, handler, decision));
    }

    /** As {@link #decided}, without waiting for the write. */
    public CompletableFuture<Boolean> decidedQueued(String callId, String handler, String decision) {
        long now = clock.millis();
        Map<String, Object> detail = decisionDetail(handler, decision);
        return commits.submit(tx -> {
            int changed = tx.handle().createUpdate("UPDATE calls SET handler = :handler, decision = :decision, updated_at = :now "
                            + "WHERE id = :id")
                    .bind("handler", handler).bind("decision", decision).bind("now", now).bind("id", callId).execute();
            if (changed == 0) {
                log.debug("decision for an unknown call {}", callId);
                return false;
            }
            appendEvent(tx, callId, now, "decision", detail);
            return false;
        });
    }

    /** Status {@code ringing} (once, and only before the answer); callback {@code ringing}. */
    public void ringing(String callId) {
        sync(ringingQueued(callId));
    }

    /** As {@link #ringing}, without waiting for the write. */
    public CompletableFuture<Boolean> ringingQueued(String callId) {
        return transition(callId, RINGING, clock.millis(), (row, now) -> row.moved("ringing"), row -> Map.of());
    }

    /** Status {@code in-progress} with the answer time; callback with CallStatus {@code in-progress}. */
    public void answered(String callId) {
        sync(answeredQueued(callId));
    }

    /** As {@link #answered}, without waiting for the write. */
    public CompletableFuture<Boolean> answeredQueued(String callId) {
        return transition(callId, IN_PROGRESS, clock.millis(), (row, now) -> row.moved("in-progress").answeredAt(now),
                row -> Map.of());
    }

    /**
     * The call is over: end time, duration (whole seconds from the answer, 0 if never answered),
     * SIP result code and reason; the final callback. A second call for the same call is ignored.
     *
     * @param status one of {@link #FINAL_STATUSES}
     * @throws IllegalArgumentException for any other status
     */
    public void ended(String callId, String status, Integer sipCode, String reason) {
        sync(endedQueued(callId, status, sipCode, reason));
    }

    /** As {@link #ended}; the future completes once the end and its callback are committed. */
    public CompletableFuture<Boolean> endedQueued(String callId, String status, Integer sipCode, String reason) {
        if (!FINAL_STATUSES.contains(status)) {
            throw new IllegalArgumentException("a call ends as one of " + FINAL_STATUSES + ", not " + status);
        }
        return transition(callId, ENDED, clock.millis(), (row, now) -> row.moved(status).endedAt(now, sipCode, reason),
                CallLog::finalParams);
    }

    /**
     * Ends a call whose node stopped without ending it ({@link OpenCallSweeper}): {@code completed}
     * if it had been answered, else {@code failed}; it ends at {@code lastSeen}, when its node was
     * last known alive (never before its start or answer), with {@code reason}. Ignored if it has ended.
     */
    CompletableFuture<Boolean> endLeftOpen(String callId, long lastSeen, String reason) {
        return transition(callId, ENDED, lastSeen, (row, at) -> {
            long end = Math.max(at, row.answerTime() == null ? row.startTime() : row.answerTime());
            return row.moved(row.answerTime() == null ? "failed" : "completed").endedAt(end, null, reason);
        }, CallLog::finalParams);
    }

    /** Appends an event ({@code decision}, {@code fetch}, {@code branch}, {@code verb}, {@code error}, ...). */
    public void event(String callId, String kind, Map<String, Object> detail) {
        sync(eventQueued(callId, kind, detail));
    }

    /** As {@link #event}, without waiting for the write. */
    public CompletableFuture<Boolean> eventQueued(String callId, String kind, Map<String, Object> detail) {
        long at = clock.millis();
        return commits.submit(tx -> {
            if (!appendEvent(tx, callId, at, kind, detail)) {
                log.debug("{} event for an unknown call {}", kind, callId);
            }
            return false;
        });
    }

    /** Sets or replaces where the call's next status callbacks go (null URL: none); method GET or POST (else POST). */
    public void statusCallback(String callId, String url, String method) {
        long now = clock.millis();
        sync(commits.submit(tx -> {
            tx.forget(callId);
            tx.handle().createUpdate("UPDATE calls SET status_callback_url = :url, "
                            + "status_callback_method = :method, updated_at = :now WHERE id = :id")
                    .bind("url", blankToNull(url)).bind("method", method(method)).bind("now", now)
                    .bind("id", callId).execute();
            return false;
        }));
    }

    /** A status change: the row as it is after the change, from the row before it and the change's time. */
    @FunctionalInterface
    private interface Change {
        CallRow apply(CallRow before, long at);
    }

    /**
     * Moves {@code callId} to {@code stage} as {@code change} says, at {@code at}, unless the call is
     * unknown or already there or beyond: one update, its event, and its status callback with the
     * parameters {@code extra} gives. The row before the change is the one this node remembers of
     * its open calls, else read (with a row lock). The update applies only to the row as it was
     * before; when a remembered row is no longer so (another node changed it), the row is read.
     */
    private CompletableFuture<Boolean> transition(String callId, int stage, long at, Change change,
                                                  Function<CallRow, Map<String, String>> extra) {
        return commits.submit(tx -> {
            Optional<CallRow> remembered = tx.remembered(callId);
            if (remembered.isPresent()) {
                Optional<Boolean> moved = move(tx, remembered.get(), true, stage, at, change, extra);
                if (moved.isPresent()) {
                    return moved.get();
                }
                tx.forget(callId);
            }
            Optional<CallRow> found = load(tx.handle(), callId);
            if (found.isEmpty()) {
                log.debug("a change to stage {} for an unknown call {}", stage, callId);
                return false;
            }
            return move(tx, found.get(), false, stage, at, change, extra).orElse(false);
        });
    }

    /**
     * The change of {@link #transition} from {@code before}: true when it queued a callback; empty
     * when the stored row is no longer {@code before} (its status, callback URL or sequence differ).
     * The move of a {@code remembered} row may be queued with the transaction's other writes, which
     * then check it (see {@link LogTransaction}).
     */
    private Optional<Boolean> move(LogTransaction tx, CallRow before, boolean remembered, int stage, long at,
                                   Change change, Function<CallRow, Map<String, String>> extra) {
        if (stageOf(before.status()) >= stage) {
            return Optional.of(false); // a status never moves back, so this holds in the database too
        }
        CallRow after = change.apply(before, at);
        long when = after.endTime() != null ? after.endTime() : at; // an end may be dated later than asked
        int sequence = after.callbackSequence() + (after.statusCallbackUrl() != null ? 1 : 0);
        java.util.function.Consumer<Batch> bindings = b -> b.bind("status", after.status())
                .bind("now", when).bind("answer", after.answerTime())
                .bind("end", after.endTime()).bind("duration", after.duration())
                .bind("code", after.sipResultCode()).bind("reason", after.reason())
                .bind("sequence", sequence).bind("id", after.id()).bind("was", before.status())
                .bind("wasSequence", before.callbackSequence())
                .bind("wasUrl", before.statusCallbackUrl() == null ? "" : before.statusCallbackUrl());
        if (remembered && tx.queuesMoves()) {
            tx.queueMove(after.id(), MOVE, bindings);
        } else {
            try (Batch update = new Batch(tx.handle().getConnection(), MOVE)) {
                bindings.accept(update);
                update.add();
                if (update.execute()[0] == 0) {
                    return Optional.empty();
                }
            }
        }
        if (stage == ENDED) {
            tx.forget(after.id());
        } else {
            tx.remember(after.withCallbackSequence(sequence));
        }
        tx.appendEvent(after.id(), after.projectId(), when, "status",
                EventDetail.toJson(Map.of("status", after.status())));
        return Optional.of(enqueueCallback(tx.handle(), after, after.status(), extra.apply(after), when));
    }

    private static Map<String, String> finalParams(CallRow row) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CallDuration", String.valueOf(row.duration() == null ? 0 : row.duration()));
        if (row.sipResultCode() != null) {
            p.put("SipResultCode", String.valueOf(row.sipResultCode()));
        }
        return p;
    }

    /**
     * Writes the status callback for {@code row}, if it has a callback URL, numbered with the row's
     * {@code callback_sequence} (which its writer has already moved on); true when one was written.
     */
    private static boolean enqueueCallback(Handle h, CallRow row, String callStatus, Map<String, String> extra,
                                           long now) {
        if (row.statusCallbackUrl() == null) {
            return false;
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CallSid", row.id());
        p.put("AccountSid", row.projectId());
        p.put("ApiVersion", "2010-04-01");
        p.put("From", row.from());
        p.put("To", row.to());
        p.put("Direction", row.direction());
        p.put("CallerName", row.callerName() == null ? "" : row.callerName());
        p.put("ParentCallSid", row.parentCallId() == null ? "" : row.parentCallId());
        p.put("CallStatus", callStatus);
        p.put("CallbackSource", "call-progress-events");
        p.put("SequenceNumber", String.valueOf(row.callbackSequence()));
        p.put("Timestamp", CallTimes.rfc2822(now));
        p.putAll(extra);
        Outbox.enqueue(h, row.projectId(), row.id(), row.statusCallbackUrl(), row.statusCallbackMethod(), p, now);
        return true;
    }

    /**
     * Appends an event to {@code callId} if there is such a call: batched with the transaction's
     * other events when the call is open here, else inserted with its project read in the same statement.
     */
    private static boolean appendEvent(LogTransaction tx, String callId, long at, String kind, Map<String, ?> detail) {
        String k = kind == null ? "note" : kind;
        Optional<CallRow> open = tx.remembered(callId);
        if (open.isPresent()) {
            tx.appendEvent(callId, open.get().projectId(), at, k, EventDetail.toJson(detail));
            return true;
        }
        return tx.handle().createUpdate("INSERT INTO call_events (id, call_id, project_id, at, kind, detail) "
                        + "SELECT :id, id, project_id, :at, :kind, :detail FROM calls WHERE id = :call")
                .bind("id", Ids.newId()).bind("call", callId).bind("at", at)
                .bind("kind", k).bind("detail", EventDetail.toJson(detail))
                .execute() > 0;
    }

    private static Optional<CallRow> load(Handle h, String callId) {
        if (callId == null) {
            return Optional.empty();
        }
        return h.createQuery("SELECT id, project_id, parent_call_id, direction, from_address, to_address, caller_name, "
                        + "status, status_callback_url, status_callback_method, callback_sequence, start_time, answer_time, "
                        + "end_time, duration, sip_result_code, reason FROM calls WHERE id = :id" + RowLocks.forUpdate(h))
                .bind("id", callId)
                .map((rs, ctx) -> new CallRow(rs.getString("id"), rs.getString("project_id"),
                        rs.getString("parent_call_id"), rs.getString("direction"), rs.getString("from_address"),
                        rs.getString("to_address"), rs.getString("caller_name"), rs.getString("status"),
                        rs.getString("status_callback_url"), rs.getString("status_callback_method"),
                        rs.getInt("callback_sequence"), rs.getLong("start_time"), nullableLong(rs, "answer_time"), nullableLong(rs, "end_time"),
                        nullableLong(rs, "duration"), toInt(nullableLong(rs, "sip_result_code")),
                        rs.getString("reason")))
                .findOne();
    }

    private static Long nullableLong(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer toInt(Long v) {
        return v == null ? null : v.intValue();
    }

    private static int stageOf(String status) {
        return switch (status) {
            case "initiated" -> INITIATED;
            case "ringing" -> RINGING;
            case "in-progress" -> IN_PROGRESS;
            default -> ENDED;
        };
    }

    private static String method(String m) {
        return m != null && m.strip().equalsIgnoreCase("GET") ? "GET" : "POST";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Waits for a queued write; a failed write fails the caller as it did when it wrote itself. */
    private static void sync(CompletableFuture<Boolean> write) {
        try {
            write.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
