package dev.sipyard.sip.guard;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Bans in the database, so every node that shares it refuses the same addresses. Each node keeps
 * the active bans in memory and reloads them every couple of seconds: the check on each SIP
 * request costs no query. A row outlives its ban for a day, so that a repeat doubles the period.
 */
public final class BanStore {
    private static final long HISTORY_MILLIS = 24 * 3600_000L;

    private final Jdbi jdbi;
    private final Clock clock;
    private volatile Map<String, Long> active = Map.of();

    public BanStore(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** How many addresses are banned right now (as last loaded, plus this node's own new bans). */
    public int activeCount() {
        long now = clock.millis();
        int n = 0;
        for (long until : active.values()) {
            if (until > now) {
                n++;
            }
        }
        return n;
    }

    public boolean isBanned(String address) {
        Long until = active.get(address);
        return until != null && until > clock.millis();
    }

    /** Bans {@code address} (or extends nothing if it is already banned); the period doubles on each repeat. */
    public SipBan ban(String address, String reason, int failures, Set<String> projectIds, long minMillis,
                      long maxMillis) {
        long now = clock.millis();
        SipBan ban = jdbi.inTransaction(h -> {
            Optional<long[]> prev = h.createQuery("SELECT bans, banned_at, banned_until FROM sip_bans WHERE address = :a")
                    .bind("a", address).map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
                    .findOne();
            SipBan result;
            if (prev.isPresent() && prev.get()[2] > now) {
                result = new SipBan(address, reason, failures, prev.get()[1], prev.get()[2]);
            } else {
                long bans = prev.isPresent() && prev.get()[1] > now - HISTORY_MILLIS ? prev.get()[0] + 1 : 1;
                long period = Math.min(maxMillis, minMillis << Math.min(30, bans - 1));
                result = new SipBan(address, reason, failures, now, now + period);
                h.createUpdate("INSERT INTO sip_bans (address, reason, failures, bans, banned_at, banned_until) "
                                + "VALUES (:a, :r, :f, :b, :at, :until) ON CONFLICT (address) DO UPDATE SET "
                                + "reason = excluded.reason, failures = excluded.failures, bans = excluded.bans, "
                                + "banned_at = excluded.banned_at, banned_until = excluded.banned_until")
                        .bind("a", address).bind("r", reason).bind("f", failures).bind("b", bans).bind("at", now)
                        .bind("until", result.bannedUntil()).execute();
            }
            for (String p : projectIds) {
                h.createUpdate("INSERT INTO sip_ban_projects (address, project_id) SELECT :a, id FROM projects "
                                + "WHERE id = :p ON CONFLICT (address, project_id) DO NOTHING")
                        .bind("a", address).bind("p", p).execute();
            }
            return result;
        });
        Map<String, Long> next = new HashMap<>(active);
        next.put(address, ban.bannedUntil());
        active = Map.copyOf(next);
        return ban;
    }

    /** Active bans; only those touching {@code projectId} unless it is null (the operator's view). */
    public List<SipBan> list(String projectId) {
        long now = clock.millis();
        String sql = "SELECT address, reason, failures, banned_at, banned_until FROM sip_bans WHERE banned_until > :now"
                + (projectId == null ? "" : " AND address IN (SELECT address FROM sip_ban_projects WHERE project_id = :p)")
                + " ORDER BY banned_at, address LIMIT 1000";
        return jdbi.withHandle(h -> {
            var q = h.createQuery(sql).bind("now", now);
            if (projectId != null) {
                q.bind("p", projectId);
            }
            return q.map((rs, ctx) -> new SipBan(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                    rs.getLong(5))).list();
        });
    }

    /** Lifts the ban on {@code address} (and forgets its history); with a project, only a ban touching it. */
    public boolean lift(String address, String projectId) {
        boolean lifted = jdbi.inTransaction(h -> {
            if (projectId != null && h.createQuery("SELECT COUNT(*) FROM sip_ban_projects b JOIN sip_bans s "
                            + "ON s.address = b.address WHERE b.address = :a AND b.project_id = :p "
                            + "AND s.banned_until > :now")
                    .bind("a", address).bind("p", projectId).bind("now", clock.millis()).mapTo(Long.class).one() == 0) {
                return false;
            }
            h.createUpdate("DELETE FROM sip_ban_projects WHERE address = :a").bind("a", address).execute();
            return h.createUpdate("DELETE FROM sip_bans WHERE address = :a").bind("a", address).execute() > 0;
        });
        if (lifted) {
            Map<String, Long> next = new HashMap<>(active);
            next.remove(address);
            active = Map.copyOf(next);
        }
        return lifted;
    }

    /** Lifts every ban; returns how many were active. */
    public int liftAll() {
        long now = clock.millis();
        int n = jdbi.inTransaction(h -> {
            int count = h.createQuery("SELECT COUNT(*) FROM sip_bans WHERE banned_until > :now").bind("now", now)
                    .mapTo(Integer.class).one();
            h.createUpdate("DELETE FROM sip_ban_projects").execute();
            h.createUpdate("DELETE FROM sip_bans").execute();
            return count;
        });
        active = Map.of();
        return n;
    }

    /** Reloads the active bans (seen from every node) and drops rows whose history is over. */
    public void refresh() {
        long now = clock.millis();
        Map<String, Long> loaded = new HashMap<>();
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM sip_bans WHERE banned_until < :cut").bind("cut", now - HISTORY_MILLIS).execute();
            h.createQuery("SELECT address, banned_until FROM sip_bans WHERE banned_until > :now").bind("now", now)
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                    .forEach(e -> loaded.put(e.getKey(), e.getValue()));
        });
        active = Map.copyOf(loaded);
    }
}
