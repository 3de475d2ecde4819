package dev.sipyard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the prepared statements of hot read queries open on each pooled connection and reuses
 * them: neither sqlite-jdbc, HikariCP nor JDBI caches them, and preparing a 35-column SELECT costs
 * SQLite more than running it. Statements are prepared on the physical connection (HikariCP
 * closes statements made through its proxy when the connection goes back to the pool); a
 * connection is used by one borrower at a time, so its statements are too. A closed connection's
 * statements are dropped the next time a new connection shows up.
 *
 * <p>Only for a fixed, small set of statements: past {@link #PER_CONNECTION} on one connection,
 * a statement is prepared for its one use and closed by {@link #release}.
 */
public final class StatementCache {
    static final int PER_CONNECTION = 16;

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    /** The statement for {@code sql} on {@code pooled}'s physical connection: the kept one, or a new one. */
    public PreparedStatement prepare(Connection pooled, String sql) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> statements = byConnection.get(physical);
        if (statements == null) {
            byConnection.keySet().removeIf(StatementCache::isClosed);
            statements = new HashMap<>();
            byConnection.put(physical, statements);
        }
        PreparedStatement ps = statements.get(sql);
        if (ps != null && !ps.isClosed()) {
            return ps;
        }
        if (statements.size() >= PER_CONNECTION) {
            return pooled.prepareStatement(sql);
        }
        ps = physical.prepareStatement(sql);
        statements.put(sql, ps);
        return ps;
    }

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Parameters {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Reads a whole result. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs query {@code sql} on {@code pooled} with a kept statement, and reads its result. A
     * statement that fails is closed and forgotten, not kept: after some failures (a table
     * missing for a while, say) the driver's statement cannot run again.
     */
    public <T> T query(Connection pooled, NamedSql sql, Parameters parameters, Rows<T> rows) throws SQLException {
        PreparedStatement ps = prepare(pooled, sql.sql());
        T result;
        try {
            parameters.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                result = rows.read(rs);
            }
        } catch (SQLException | RuntimeException e) {
            discard(pooled, sql.sql(), ps, e);
            throw e;
        }
        release(pooled, sql.sql(), ps);
        return result;
    }

    private void discard(Connection pooled, String sql, PreparedStatement ps, Exception failure) {
        try {
            Map<String, PreparedStatement> statements = byConnection.get(pooled.unwrap(Connection.class));
            if (statements != null) {
                statements.remove(sql, ps);
            }
            ps.close();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** Done with a statement of {@link #prepare}: a kept one is reset for the connection's next borrower, any other closed. */
    public void release(Connection pooled, String sql, PreparedStatement ps) throws SQLException {
        Map<String, PreparedStatement> statements = byConnection.get(pooled.unwrap(Connection.class));
        if (statements != null && statements.get(sql) == ps) {
            ps.clearParameters();
        } else {
            ps.close();
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
