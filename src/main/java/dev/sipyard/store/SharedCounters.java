package dev.sipyard.store;

import dev.sipyard.common.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts that the nodes sharing one database add up, so that N nodes do not give a client N times
 * a budget (REST request budgets, failed SIP authentications). Each node keeps counting exactly in
 * its own memory, as a single node does; it also records each hit here, in time buckets of a tenth
 * of the counter's window. A few times a second ({@link #SYNC_EVERY}) it writes its changed bucket
 * counts (one batch, never a write per request) and reads the other nodes' sums. A check then adds
 * what the others counted within the window: a client spread over the nodes is held to about the
 * budget, give or take what arrived within the last sync.
 *
 * <p>{@link #none()} shares nothing: one node, or a database no other node uses (SQLite).
 */
public final class SharedCounters implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedCounters.class);
    /** How often a node writes its counts and reads the others'. */
    public static final Duration SYNC_EVERY = Duration.ofMillis(250);
    private static final long SWEEP_EVERY_MILLIS = 10_000;
    private static final int MAX_SLOTS = 200_000;

    private final Jdbi jdbi;
    private final String node;
    private final Clock clock;
    private final List<Counter> counters = new CopyOnWriteArrayList<>();
    private PeriodicTask loop;
    private long lastSweep;

    /** Counters over {@code jdbi}, written as {@code node} (unique among live nodes); times from {@code clock}. */
    public SharedCounters(Jdbi jdbi, String node, Clock clock) {
        this.jdbi = jdbi;
        this.node = node;
        this.clock = clock;
    }

    /** Counters that share nothing: {@link Counter#others} is always 0. */
    public static SharedCounters none() {
        return new SharedCounters(null, "local", Clock.systemUTC());
    }

    public boolean shares() {
        return jdbi != null;
    }

    /** The counter {@code name} (one per kind of budget), over a sliding {@code window}. */
    public Counter counter(String name, Duration window) {
        Counter c = new Counter(name, window.toMillis());
        counters.add(c);
        return c;
    }

    /** Starts syncing in the background (nothing to do when nothing is shared). */
    public synchronized void start() {
        if (!shares() || loop != null) {
            return;
        }
        // a failed round means the database is away (restarting, failing over): keep counting locally
        loop = PeriodicTask.start("shared-counters", SYNC_EVERY, this::sync, log);
    }

    /**
     * Writes this node's changed counts (one transaction, none when nothing changed) and reads the
     * other nodes' counts of every counter in one query; the background loop calls it.
     */
    public void sync() {
        if (!shares()) {
            return;
        }
        long now = clock.millis();
        boolean sweep = now - lastSweep >= SWEEP_EVERY_MILLIS;
        if (sweep) {
            lastSweep = now;
        }
        counters.forEach(c -> c.forgetOld(now));
        if (counters.stream().anyMatch(c -> !c.changed.isEmpty())) {
            jdbi.useTransaction(h -> counters.forEach(c -> c.flush(h)));
        }
        readOthers(now);
        if (sweep) {
            jdbi.useHandle(h -> counters.forEach(c -> h.createUpdate(
                            "DELETE FROM shared_counters WHERE name = :n AND bucket_start < :cut")
                    .bind("n", c.name).bind("cut", now - c.windowMillis - c.bucketMillis).execute()));
        }
    }

    /** The other nodes' counts of every counter, by counter name, key and bucket; each counter keeps its window's. */
    private void readOthers(long now) {
        Map<String, Map<String, Map<Long, Integer>>> read = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT name, counter_key, bucket_start, SUM(count) FROM shared_counters "
                        + "WHERE node <> :node GROUP BY name, counter_key, bucket_start")
                .bind("node", node)
                .map((rs, ctx) -> {
                    read.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new HashMap<>()).put(rs.getLong(3), rs.getInt(4));
                    return 0;
                })
                .forEach(x -> { }));
        for (Counter c : counters) {
            c.keepOthers(read.getOrDefault(c.name, Map.of()), now);
        }
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.close();
            loop = null;
        }
    }

    /** One kind of count, per key (a project, an address, a username). */
    public final class Counter {
        private final String name;
        private final long windowMillis;
        private final long bucketMillis;
        private final ConcurrentHashMap<Slot, AtomicInteger> mine = new ConcurrentHashMap<>();
        private final Set<Slot> changed = ConcurrentHashMap.newKeySet();
        /** The other nodes' counts: key, then bucket start, then count. Replaced whole at each sync. */
        private volatile Map<String, Map<Long, Integer>> others = Map.of();

        private record Slot(String key, long bucketStart) {}

        private Counter(String name, long windowMillis) {
            this.name = name;
            this.windowMillis = windowMillis;
            this.bucketMillis = Math.max(1, windowMillis / 10);
        }

        /** Records one hit of {@code key} for the other nodes to see. */
        public void record(String key) {
            if (!shares() || key == null) {
                return;
            }
            long now = clock.millis();
            Slot s = new Slot(key, now - Math.floorMod(now, bucketMillis));
            AtomicInteger n = mine.get(s);
            if (n == null) {
                if (mine.size() >= MAX_SLOTS) {
                    return; // an address sweep far beyond any budget: the local count still holds each node
                }
                n = mine.computeIfAbsent(s, k -> new AtomicInteger());
            }
            n.incrementAndGet();
            changed.add(s);
        }

        /** What the other nodes counted for {@code key} within the window (as of the last sync). */
        public int others(String key) {
            Map<Long, Integer> buckets = others.get(key);
            if (buckets == null) {
                return 0;
            }
            long from = clock.millis() - windowMillis;
            int sum = 0;
            for (Map.Entry<Long, Integer> e : buckets.entrySet()) {
                if (e.getKey() + bucketMillis > from) {
                    sum += e.getValue();
                }
            }
            return sum;
        }

        /** Starts {@code key} over on every node's shared view (a lifted ban); each node's own exact count is its own. */
        public void forget(String key) {
            if (!shares() || key == null) {
                return;
            }
            mine.keySet().removeIf(s -> s.key().equals(key));
            changed.removeIf(s -> s.key().equals(key));
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM shared_counters WHERE name = :n AND counter_key = :k")
                    .bind("n", name).bind("k", key).execute());
            Map<String, Map<Long, Integer>> now = new HashMap<>(others);
            now.remove(key);
            others = now;
        }

        private void forgetOld(long now) {
            mine.keySet().removeIf(s -> s.bucketStart() + bucketMillis <= now - windowMillis && !changed.contains(s));
        }

        private void flush(Handle h) {
            if (changed.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO shared_counters (name, counter_key, bucket_start, node, count) "
                    + "VALUES (:n, :k, :b, :node, :c) ON CONFLICT (name, counter_key, bucket_start, node) "
                    + "DO UPDATE SET count = excluded.count");
            for (Slot s : List.copyOf(changed)) {
                changed.remove(s);
                AtomicInteger n = mine.get(s);
                if (n != null) {
                    batch.bind("n", name).bind("k", s.key()).bind("b", s.bucketStart()).bind("node", node)
                            .bind("c", n.get()).add();
                }
            }
            if (batch.size() > 0) {
                Database.executeBatch(batch);
            }
        }

        /** Keeps what the others counted within the window, from {@code read} (key, bucket start, count). */
        private void keepOthers(Map<String, Map<Long, Integer>> read, long now) {
            long from = now - windowMillis - bucketMillis;
            Map<String, Map<Long, Integer>> kept = new HashMap<>();
            read.forEach((key, buckets) -> buckets.forEach((start, count) -> {
                if (start > from) {
                    kept.computeIfAbsent(key, k -> new HashMap<>()).put(start, count);
                }
            }));
            others = kept;
        }
    }
}
