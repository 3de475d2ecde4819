package dev.sipyard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sipyard.common.Ids;
import dev.sipyard.config.CallSettings;
import dev.sipyard.logging.CallLogContext;
import dev.sipyard.store.Database;
import dev.sipyard.store.NodeRuns;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable webhooks (status callbacks): rows of {@code webhook_outbox}, written in the caller's
 * transaction by {@link #enqueue}, delivered by a background loop in order per ordering key.
 *
 * <p>Only the oldest row of a key is ever sent, so a failing row holds back its own key and no
 * other. A node takes a row with a lease (a conditional UPDATE), so two nodes never send the same
 * row at once and the lease of a node that died just expires. A 2xx deletes the row; anything
 * else schedules the next attempt ({@link RetryPolicy}) until the row is older than
 * {@code outboxRetryFor}, when it is given up with one log line.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> PARAMS = new TypeReference<>() {};
    static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final int MAX_IN_FLIGHT = 64;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final Jdbi jdbi;
    private final WebhookClient client;
    private final Clock clock;
    private final RetryPolicy retries;
    private final String node;
    private final Semaphore wakeups = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<String> delivered = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean handedBack;
    private Thread loop;

    private record Row(String id, String projectId, String url, String method, String params, long createdAt,
                       int attempts) {}

    /** An outbox over {@code jdbi} sending with {@code client}; back-off from {@code settings}, time from {@code clock}. */
    public Outbox(Jdbi jdbi, WebhookClient client, CallSettings settings, Clock clock) {
        this(jdbi, client, settings, clock, NodeRuns.newRun("outbox"));
    }

    /** As above; this node's leases name {@code nodeRun} ({@link NodeRuns#run()}), so an operator sees whose they are. */
    public Outbox(Jdbi jdbi, WebhookClient client, CallSettings settings, Clock clock, String nodeRun) {
        this.node = nodeRun;
        this.jdbi = jdbi;
        this.client = client;
        this.clock = clock;
        this.retries = new RetryPolicy(settings.outboxRetryMax(), settings.outboxRetryFor(), new java.util.Random());
    }

    /**
     * Writes one webhook to send, inside the caller's transaction {@code h}. Call {@link #wake()}
     * after the commit so it goes out at once.
     *
     * @param method {@code GET} or {@code POST} (null means POST)
     * @param params the form fields, sent in this order
     */
    public static void enqueue(Handle h, String projectId, String orderingKey, String url, String method,
                               Map<String, String> params, long nowMillis) {
        String m = method == null ? "POST" : method.toUpperCase(Locale.ROOT);
        if (!m.equals("GET") && !m.equals("POST")) {
            throw new IllegalArgumentException("a webhook method is GET or POST, not " + method);
        }
        String json;
        try {
            json = JSON.writeValueAsString(new LinkedHashMap<>(params));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook parameters cannot be written as JSON", e);
        }
        h.createUpdate("INSERT INTO webhook_outbox (id, project_id, ordering_key, url, method, params, created_at, "
                        + "next_attempt_at, attempts) VALUES (:id, :project, :key, :url, :method, :params, :now, :now, 0)")
                .bind("id", Ids.newId()).bind("project", projectId).bind("key", orderingKey).bind("url", url)
                .bind("method", m).bind("params", json).bind("now", nowMillis)
                .execute();
    }

    /** Starts the delivery loop. */
    public synchronized Outbox start() {
        if (loop == null) {
            running = true;
            loop = Thread.ofVirtual().name("webhook-outbox").start(this::runLoop);
        }
        return this;
    }

    /** Makes the loop look for due rows now rather than at its next poll. */
    public void wake() {
        if (wakeups.availablePermits() == 0) {
            wakeups.release();
        }
    }

    private void runLoop() {
        while (running) {
            try {
                recordDelivered();
                deliverDue();
            } catch (RuntimeException e) {
                if (Database.isUnavailable(e)) {
                    log.debug("webhook outbox waits for the database: {}", e.toString()); // logged once elsewhere
                } else {
                    log.warn("webhook outbox: {}", e.toString());
                }
            }
            try {
                wakeups.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pass: takes the due head rows no one holds and sends them. Returns how many were sent. */
    int deliverDue() {
        int room = MAX_IN_FLIGHT - inFlight.get();
        if (room <= 0) {
            return 0;
        }
        long now = clock.millis();
        List<Row> heads = jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, project_id, url, method, params, created_at, attempts FROM webhook_outbox o "
                                + "WHERE next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now) "
                                + "AND NOT EXISTS (SELECT 1 FROM webhook_outbox p WHERE p.project_id = o.project_id "
                                + "AND p.ordering_key = o.ordering_key AND p.id < o.id) "
                                + "ORDER BY next_attempt_at, id LIMIT :limit")
                .bind("now", now).bind("limit", room)
                .map((rs, ctx) -> new Row(rs.getString("id"), rs.getString("project_id"), rs.getString("url"),
                        rs.getString("method"), rs.getString("params"), rs.getLong("created_at"), rs.getInt("attempts")))
                .list());
        int sent = 0;
        for (Row row : heads) {
            if (running && claim(row, now)) {
                inFlight.incrementAndGet();
                sent++;
                client.send(new WebhookRequest(row.projectId(), row.url(), row.method(), params(row), null))
                        .whenComplete((result, error) -> finish(row, result));
            }
        }
        return sent;
    }

    private boolean claim(Row row, long now) {
        return jdbi.inTransaction(h -> h.createUpdate("UPDATE webhook_outbox SET lease_owner = :node, "
                        + "lease_until = :until WHERE id = :id AND (lease_until IS NULL OR lease_until < :now)")
                .bind("node", node).bind("until", now + LEASE.toMillis()).bind("id", row.id()).bind("now", now)
                .execute()) == 1;
    }

    private void finish(Row row, FetchResult result) {
        String callSid = callSidOf(row);
        try (CallLogContext ignored = CallLogContext.of(callSid)) {
            if (handedBack) {
                return; // cut short by the hand-back: the row is another node's to send, as if never tried
            }
            WebhookLog.sent(WebhookLog.Kind.CALLBACK, callSid, row.method(), row.url(), result, row.attempts() + 1);
            long now = clock.millis();
            if (result != null && result.ok()) {
                try {
                    delete(row);
                } catch (RuntimeException e) {
                    // sent but not yet crossed off: remembered, so this node does not send it again
                    delivered.add(row.id());
                    throw e;
                }
                return;
            }
            String error = result == null ? "not sent" : result.error();
            int failures = row.attempts() + 1;
            var next = retries.nextAttemptAt(row.createdAt(), failures, now);
            if (next.isEmpty()) {
                log.warn("gave up a webhook to {} after {} attempts in {} s: {}", WebhookLog.where(row.url()),
                        failures, (now - row.createdAt()) / 1000, error);
                delete(row);
                return;
            }
            jdbi.useTransaction(h -> h.createUpdate("UPDATE webhook_outbox SET attempts = :attempts, "
                            + "next_attempt_at = :next, last_error = :error, lease_owner = NULL, lease_until = NULL "
                            + "WHERE id = :id AND lease_owner = :node")
                    .bind("attempts", failures).bind("next", next.getAsLong())
                    .bind("error", error == null ? null : error.substring(0, Math.min(error.length(), 500)))
                    .bind("id", row.id()).bind("node", node).execute());
        } catch (RuntimeException e) {
            // Typically the database closing under a stopping node; the lease expires and another pass retries.
            log.debug("webhook outbox could not record a delivery: {}", e.toString());
        } finally {
            inFlight.decrementAndGet();
            wake();
        }
    }

    private void delete(Row row) {
        delete(row.id());
    }

    private void delete(String id) {
        jdbi.useTransaction(h -> h.createUpdate("DELETE FROM webhook_outbox WHERE id = :id").bind("id", id).execute());
    }

    /**
     * Deletes the rows that were delivered while the database could not be written (a restart):
     * first thing in each pass, before due rows are read, so this node never sends them twice.
     * Another node may still send one whose lease ran out before the database came back.
     */
    private void recordDelivered() {
        for (String id : delivered) {
            delete(id);
            delivered.remove(id);
        }
    }

    /** The call a callback is about: its CallSid parameter (status and recording callbacks both carry one). */
    private static String callSidOf(Row row) {
        try {
            return params(row).get("CallSid");
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, String> params(Row row) {
        try {
            return JSON.readValue(row.params(), PARAMS);
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    /** Callbacks waiting for delivery (or a retry), all nodes together. */
    public long depth() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM webhook_outbox").mapTo(Long.class).one());
    }

    /** How long the oldest waiting callback has waited, in seconds; 0 when none waits. */
    public double oldestAgeSeconds() {
        Long oldest = jdbi.withHandle(h -> h.createQuery("SELECT MIN(created_at) FROM webhook_outbox")
                .mapTo(Long.class).findOne().orElse(null));
        return oldest == null ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    /**
     * Hands this node's work back, for a node that stops while others go on: takes no more rows,
     * gives deliveries in flight {@code grace} to finish, then {@code abort}s those still going and
     * clears this node's leases so another node sends those rows at once, not when the leases
     * expire. An aborted delivery is not counted as an attempt. Returns how many rows were handed back.
     */
    public int handBack(Duration grace, Runnable abort) {
        stopLoop();
        awaitInFlight(System.nanoTime() + grace.toNanos());
        handedBack = true;
        abort.run();
        return jdbi.withHandle(h -> h.createUpdate("UPDATE webhook_outbox SET lease_owner = NULL, lease_until = NULL "
                + "WHERE lease_owner = :node").bind("node", node).execute());
    }

    /** Deliveries being sent by this node now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Stops the loop and waits a little for deliveries in flight to be recorded. */
    @Override
    public void close() {
        if (stopLoop()) {
            awaitInFlight(System.nanoTime() + CLOSE_WAIT.toNanos());
        }
    }

    /** Stops the delivery loop (sends already started go on); false when it was not running. */
    private boolean stopLoop() {
        Thread t;
        synchronized (this) {
            running = false;
            t = loop;
            loop = null;
        }
        if (t == null) {
            return false;
        }
        wake();
        try {
            t.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private void awaitInFlight(long deadlineNanos) {
        try {
            while (inFlight.get() > 0 && System.nanoTime() < deadlineNanos) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
