package dev.sipyard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One statement run for many rows in one round trip, in plain JDBC on a connection a JDBI
 * transaction holds ({@code handle.getConnection()}): for the writer threads, where JDBI's binding
 * of each named argument cost more than the database's work. Bind each row's parameters by name,
 * {@link #add} it, then {@link #execute} once; rows are sent only when there are some.
 */
public final class Batch implements AutoCloseable {
    private final Connection connection;
    private final NamedSql sql;
    private PreparedStatement statement;
    private int rows;

    /** Prepared at the first {@link #bind}: a batch that gets no rows costs nothing. */
    public Batch(Connection connection, NamedSql sql) {
        this.connection = connection;
        this.sql = sql;
    }

    /** Sets parameter {@code name} of the current row (a String, Integer, Long or null). */
    public Batch bind(String name, Object value) {
        try {
            if (statement == null) {
                statement = connection.prepareStatement(sql.sql());
            }
            sql.bind(statement, name, value);
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
        return this;
    }

    /** Ends the current row. */
    public void add() {
        try {
            statement.addBatch();
            rows++;
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    public int size() {
        return rows;
    }

    /**
     * Sends the rows added; each count says how many rows its row's statement changed. A
     * connection that fails in the middle of a batch is reported as one (see
     * {@link Database#executeBatch}).
     */
    public int[] execute() {
        if (rows == 0) {
            return new int[0];
        }
        try {
            int[] counts = statement.executeBatch();
            rows = 0;
            return counts;
        } catch (SQLException e) {
            throw new SqlFailure(e);
        } catch (AssertionError e) {
            throw new SqlFailure(Database.brokenBatch(e));
        }
    }

    @Override
    public void close() {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }
}
