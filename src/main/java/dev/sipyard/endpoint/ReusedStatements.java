package dev.sipyard.endpoint;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps the prepared statements of the hot read queries open on each pooled connection and
 * reuses them: neither sqlite-jdbc, HikariCP nor JDBI caches them, and preparing a 35-column
 * SELECT costs SQLite more than running it. Statements are prepared on the physical connection
 * (HikariCP closes statements made through its proxy when the connection goes back to the pool);
 * a connection is used by one borrower at a time, so its statements are too. A closed connection's
 * statements are dropped the next time a new connection shows up.
 *
 * <p>Only for handles that run a fixed, small set of read statements (set with
 * {@code Handle.setStatementBuilder}); anything over {@link #PER_CONNECTION} per connection is
 * prepared and closed the ordinary way.
 */
final class ReusedStatements implements StatementBuilder {
    static final int PER_CONNECTION = 16;

    private final StatementBuilder plain = new DefaultStatementBuilder();
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
        Connection physical = conn.unwrap(Connection.class);
        Map<String, PreparedStatement> statements = byConnection.get(physical);
        if (statements == null) {
            byConnection.keySet().removeIf(ReusedStatements::isClosed);
            statements = new HashMap<>();
            byConnection.put(physical, statements);
        }
        PreparedStatement ps = statements.get(sql);
        if (ps != null && !ps.isClosed()) {
            return ps;
        }
        if (statements.size() >= PER_CONNECTION) {
            return plain.create(conn, sql, ctx);
        }
        ps = physical.prepareStatement(sql);
        statements.put(sql, ps);
        return ps;
    }

    @Override
    public void close(Connection conn, String sql, Statement stmt) throws SQLException {
        Map<String, PreparedStatement> statements = byConnection.get(conn.unwrap(Connection.class));
        if (statements != null && statements.get(sql) == stmt) {
            ((PreparedStatement) stmt).clearParameters(); // kept for the next borrower of this connection
        } else {
            plain.close(conn, sql, stmt);
        }
    }

    @Override
    public Statement create(Connection conn, StatementContext ctx) throws SQLException {
        return plain.create(conn, ctx);
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
        return plain.createCall(conn, sql, ctx);
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
