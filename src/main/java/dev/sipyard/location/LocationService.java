package dev.sipyard.location;

import dev.sipyard.endpoint.SipDirectory;
import dev.sipyard.store.BatchWriter;
import dev.sipyard.store.Database;
import dev.sipyard.store.Batch;
import dev.sipyard.store.Dialect;
import dev.sipyard.store.NamedSql;
import dev.sipyard.store.SqlFailure;
import dev.sipyard.store.StatementCache;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Location bindings in the database. Updates from many REGISTERs are applied by one writer
 * thread in batches: one transaction reads the affected endpoints and bindings, applies each
 * update in arrival order, writes the net changes and commits once. That keeps the cost per
 * registration low on both databases and serialises updates of one endpoint on this node; on
 * PostgreSQL the endpoint rows are locked, so several nodes serialise too.
 */
public final class LocationService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocationService.class);
    private static final int MAX_BATCH = 512;
    private static final String COLUMNS = "id, endpoint_id, project_id, contact_uri, call_id, cseq, transport, "
            + "source_address, source_port, user_agent, credential_version, registered_at, expires_at, node_address";
    private static final String BINDING_COLUMNS = "r.id, r.endpoint_id, r.project_id, r.contact_uri, r.call_id, "
            + "r.cseq, r.transport, r.source_address, r.source_port, r.user_agent, r.credential_version, "
            + "r.registered_at, r.expires_at, r.node_address";
    /** A refresh from the same phone: only the CSeq and the times change. */
    private static final String REFRESH = "UPDATE sip_registrations SET cseq = :cseq, registered_at = :registered_at, "
            + "expires_at = :expires_at WHERE id = :id";
    /** Another REGISTER for a stored contact (a new Call-ID, source or user agent): the row is updated in place. */
    private static final String REBIND = "UPDATE sip_registrations SET call_id = :call_id, cseq = :cseq, "
            + "transport = :transport, source_address = :source_address, source_port = :source_port, "
            + "user_agent = :user_agent, credential_version = :credential_version, registered_at = :registered_at, "
            + "expires_at = :expires_at, node_address = :node_address WHERE id = :id";
    private static final String UPSERT = "INSERT INTO sip_registrations (" + COLUMNS + ") VALUES (:id, :endpoint_id, "
            + ":project_id, :contact_uri, :call_id, :cseq, :transport, :source_address, :source_port, :user_agent, "
            + ":credential_version, :registered_at, :expires_at, :node_address) ON CONFLICT (id) DO UPDATE SET "
            + "call_id = excluded.call_id, cseq = excluded.cseq, transport = excluded.transport, "
            + "source_address = excluded.source_address, source_port = excluded.source_port, "
            + "user_agent = excluded.user_agent, credential_version = excluded.credential_version, "
            + "registered_at = excluded.registered_at, expires_at = excluded.expires_at, "
            + "node_address = excluded.node_address";

    private static final NamedSql REFRESH_SQL = NamedSql.of(REFRESH);
    private static final NamedSql REBIND_SQL = NamedSql.of(REBIND);
    private static final NamedSql UPSERT_SQL = NamedSql.of(UPSERT);
    /** An endpoint by username with its live bindings, oldest first (see {@link #reachable}). */
    private static final NamedSql REACHABLE = NamedSql.of("SELECT e.id, e.username, " + BINDING_COLUMNS
            + " FROM sip_endpoints e LEFT JOIN sip_registrations r ON r.endpoint_id = e.id "
            + "AND r.expires_at > :now WHERE e.project_id = :p AND e.username_key = :u "
            + "ORDER BY r.registered_at, r.id");
    private static final NamedSql DELETE_SQL = NamedSql.of("DELETE FROM sip_registrations WHERE id = :id");

    /** The result of one update. */
    public sealed interface Outcome {
        record Ok(List<Binding> bindings, long now) implements Outcome {}

        record OutOfOrder() implements Outcome {}

        /** The endpoint was deleted or its password changed after the request was authenticated. */
        record Gone() implements Outcome {}
    }

    private record Job(BindingUpdate update, CompletableFuture<Outcome> result) {}

    private final Jdbi jdbi;
    private final Database database;
    private final StatementCache statements = new StatementCache();
    private final Dialect dialect;
    private final Clock clock;
    private final int maxContacts;
    private final BatchWriter<Job> writer;
    /** This node's SIP address, recorded with each binding it writes (see {@link Binding#node()}). */
    private volatile String node;

    public LocationService(Database db, Clock clock, int maxContacts) {
        this.jdbi = db.jdbi();
        this.database = db;
        this.dialect = db.dialect();
        this.clock = clock;
        this.maxContacts = maxContacts;
        this.writer = new BatchWriter<>("sip-location-writer", MAX_BATCH, 20_000, this::write, (batch, e) -> {
            if (Database.isUnavailable(e)) {
                // logged once by the database's availability; each REGISTER is answered 503
                log.debug("location batch of {} not stored, the database is unreachable: {}", batch.size(), e.toString());
            } else {
                log.error("location batch of {} failed", batch.size(), e);
            }
            batch.forEach(j -> j.result().completeExceptionally(e));
        });
    }

    /** Names this node's SIP address ({@code host:port}) once its listeners are open. */
    public void servedFrom(String nodeAddress) {
        this.node = nodeAddress;
    }

    /** This node's SIP address as recorded with the bindings it writes (null before its listeners open). */
    public String node() {
        return node;
    }

    /** A live binding by id, or null. */
    public Binding liveById(String id) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM sip_registrations "
                        + "WHERE id = :id AND expires_at > :now")
                .bind("id", id).bind("now", now).map((rs, ctx) -> read(rs, 1)).findOne().orElse(null));
    }

    /** Queues an update; the future completes once it is committed (or refused). */
    public CompletableFuture<Outcome> update(BindingUpdate u) {
        Job job = new Job(u, new CompletableFuture<>());
        if (!writer.offer(job)) {
            job.result().completeExceptionally(new IllegalStateException("location writer overloaded"));
        }
        return job.result();
    }

    /** Live bindings of an endpoint, oldest first. */
    public List<Binding> live(String endpointId) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM sip_registrations "
                        + "WHERE endpoint_id = :e AND expires_at > :now ORDER BY registered_at, id")
                .bind("e", endpointId).bind("now", now).map((rs, ctx) -> read(rs, 1)).list());
    }

    /** An endpoint found by username, with its live bindings, oldest first. */
    public record Reachable(String endpointId, String username, List<Binding> bindings) {}

    /**
     * The endpoint of project {@code projectId} named {@code username} (case-insensitively) with its
     * live bindings, in one query: what a call to it needs; empty when there is no such endpoint.
     */
    public Optional<Reachable> reachable(String projectId, String username) {
        Optional<String> key = SipDirectory.usernameKey(username);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        return database.read(c -> statements.query(c, REACHABLE, ps -> {
            REACHABLE.bind(ps, "now", now);
            REACHABLE.bind(ps, "p", projectId);
            REACHABLE.bind(ps, "u", key.get());
        }, rs -> {
            String endpointId = null;
            String name = null;
            List<Binding> bindings = new ArrayList<>();
            while (rs.next()) {
                endpointId = rs.getString(1);
                name = rs.getString(2);
                if (rs.getString(3) != null) {
                    bindings.add(read(rs, 3));
                }
            }
            return endpointId == null ? Optional.<Reachable>empty()
                    : Optional.of(new Reachable(endpointId, name, List.copyOf(bindings)));
        }));
    }

    /** Drops every binding of an endpoint (its credentials are no longer valid). */
    public int removeAll(String endpointId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sip_registrations WHERE endpoint_id = :e")
                .bind("e", endpointId).execute());
    }

    /** Deletes expired bindings; returns how many. */
    public int sweep() {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sip_registrations WHERE expires_at <= :now")
                .bind("now", now).execute());
    }

    public long countLive() {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sip_registrations WHERE expires_at > :now")
                .bind("now", now).mapTo(Long.class).one());
    }

    private void write(List<Job> batch) {
        long now = clock.millis();
        Outcome[] outcomes = new Outcome[batch.size()];
        jdbi.useTransaction(h -> {
            Set<String> ids = new LinkedHashSet<>();
            batch.forEach(j -> ids.add(j.update().endpointId()));
            Map<String, Long> versions = new HashMap<>();
            Map<String, List<Binding>> stored = new HashMap<>();
            lockAndRead(h, ids, versions, stored);
            Map<String, List<Binding>> current = new HashMap<>();
            stored.forEach((k, v) -> current.put(k, v.stream().filter(b -> b.expiresAt() > now).toList()));
            for (int i = 0; i < batch.size(); i++) {
                BindingUpdate u = batch.get(i).update();
                Long version = versions.get(u.endpointId());
                if (version == null || version != u.credentialVersion()) {
                    outcomes[i] = new Outcome.Gone();
                    continue;
                }
                List<Binding> next = BindingRules.apply(current.getOrDefault(u.endpointId(), List.of()), u, now,
                        maxContacts, node);
                if (next == null) {
                    outcomes[i] = new Outcome.OutOfOrder();
                } else {
                    current.put(u.endpointId(), next);
                    outcomes[i] = new Outcome.Ok(next, now);
                }
            }
            writeChanges(h, stored, current);
        });
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(outcomes[i]);
        }
    }

    /**
     * One statement: locks the endpoints (PostgreSQL) and reads their credential versions and
     * stored bindings (an endpoint without bindings comes back as one row without a binding).
     */
    private void lockAndRead(Handle h, Set<String> ids, Map<String, Long> versions,
                             Map<String, List<Binding>> stored) {
        String sql = "SELECT e.id, e.credential_version, " + BINDING_COLUMNS
                + " FROM sip_endpoints e LEFT JOIN sip_registrations r ON r.endpoint_id = e.id "
                + "WHERE e.id IN (" + "?, ".repeat(ids.size() - 1) + "?) ORDER BY e.id"
                + (dialect == Dialect.POSTGRES ? " FOR UPDATE OF e" : "");
        try (PreparedStatement ps = h.getConnection().prepareStatement(sql)) {
            int i = 1;
            for (String id : ids) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.put(rs.getString(1), rs.getLong(2));
                    if (rs.getString(3) != null) {
                        Binding b = read(rs, 3);
                        stored.computeIfAbsent(b.endpointId(), k -> new ArrayList<>()).add(b);
                    }
                }
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    private static void writeChanges(Handle h, Map<String, List<Binding>> stored, Map<String, List<Binding>> next) {
        Map<String, Binding> before = new HashMap<>();
        stored.values().forEach(l -> l.forEach(b -> before.put(b.id(), b)));
        Set<String> after = new java.util.HashSet<>();
        Connection c = h.getConnection();
        try (Batch upserts = new Batch(c, UPSERT_SQL); Batch refreshes = new Batch(c, REFRESH_SQL);
             Batch rebinds = new Batch(c, REBIND_SQL); Batch deletes = new Batch(c, DELETE_SQL)) {
            for (List<Binding> list : next.values()) {
                for (Binding b : list) {
                    after.add(b.id());
                    Binding old = before.get(b.id());
                    if (Objects.equals(old, b)) {
                        continue;
                    }
                    if (old != null && onlyTimesDiffer(old, b)) {
                        refreshes.bind("cseq", b.cseq()).bind("registered_at", b.registeredAt())
                                .bind("expires_at", b.expiresAt()).bind("id", b.id()).add();
                    } else if (old != null) {
                        rebinds.bind("call_id", b.callId()).bind("cseq", b.cseq()).bind("transport", b.transport())
                                .bind("source_address", b.sourceAddress()).bind("source_port", b.sourcePort())
                                .bind("user_agent", b.userAgent()).bind("credential_version", b.credentialVersion())
                                .bind("registered_at", b.registeredAt()).bind("expires_at", b.expiresAt())
                                .bind("node_address", b.node()).bind("id", b.id()).add();
                    } else {
                        bind(upserts, b).add();
                    }
                }
            }
            before.keySet().stream().filter(id -> !after.contains(id)).forEach(id -> deletes.bind("id", id).add());
            deletes.execute();
            upserts.execute();
            refreshes.execute();
            rebinds.execute();
        }
    }

    /** True when two versions of a binding differ only in CSeq, registration time and expiry. */
    private static boolean onlyTimesDiffer(Binding a, Binding b) {
        return a.callId().equals(b.callId()) && a.transport().equals(b.transport())
                && a.sourceAddress().equals(b.sourceAddress()) && a.sourcePort() == b.sourcePort()
                && Objects.equals(a.userAgent(), b.userAgent()) && a.credentialVersion() == b.credentialVersion()
                && Objects.equals(a.node(), b.node());
    }

    private static Batch bind(Batch s, Binding b) {
        return s.bind("id", b.id()).bind("endpoint_id", b.endpointId()).bind("project_id", b.projectId())
                .bind("contact_uri", b.contactUri()).bind("call_id", b.callId()).bind("cseq", b.cseq())
                .bind("transport", b.transport()).bind("source_address", b.sourceAddress())
                .bind("source_port", b.sourcePort()).bind("user_agent", b.userAgent())
                .bind("credential_version", b.credentialVersion()).bind("registered_at", b.registeredAt())
                .bind("expires_at", b.expiresAt()).bind("node_address", b.node());
    }

    /** A binding read by position: {@link #COLUMNS}, in their order, from column {@code first} on. */
    private static Binding read(ResultSet rs, int first) throws SQLException {
        int i = first;
        return new Binding(rs.getString(i), rs.getString(i + 1), rs.getString(i + 2), rs.getString(i + 3),
                rs.getString(i + 4), rs.getLong(i + 5), rs.getString(i + 6), rs.getString(i + 7), rs.getInt(i + 8),
                rs.getString(i + 9), rs.getLong(i + 10), rs.getLong(i + 11), rs.getLong(i + 12), rs.getString(i + 13));
    }

    @Override
    public void close() {
        writer.close();
    }
}
