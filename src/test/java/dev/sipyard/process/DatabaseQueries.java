package dev.sipyard.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a process test makes straight from the nodes' database (a JDBC URL with its credentials). */
final class DatabaseQueries {
    private DatabaseQueries() {}

    /** The first column of the first row of {@code sql}, a count. */
    static int count(String dbUrl, String sql) {
        try (Connection c = DriverManager.getConnection(dbUrl);
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The call log's {@code column} for the call whose SIP Call-ID is {@code sipCallId}; null before its row is written. */
    static String callColumn(String dbUrl, String sipCallId, String column) {
        try (Connection c = DriverManager.getConnection(dbUrl);
             PreparedStatement q = c.prepareStatement("SELECT " + column + " FROM calls WHERE sip_call_id = ?")) {
            q.setString(1, sipCallId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
