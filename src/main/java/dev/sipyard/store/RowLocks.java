package dev.sipyard.store;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/**
 * Row-lock clauses to append to a SELECT inside a write transaction. On PostgreSQL they take
 * the lock; on SQLite they are empty, because every write transaction there already holds the
 * database's write lock from its first statement (BEGIN IMMEDIATE).
 */
public final class RowLocks {
    private RowLocks() {}

    /** Exclusive: the row can be neither changed nor locked by others until the transaction ends. */
    public static String forUpdate(Handle h) {
        return isPostgres(h) ? " FOR UPDATE" : "";
    }

    /**
     * Exclusive for changing columns other than the key: blocks other writers and deletes, but
     * not {@link #forKeyShare} holders (so two rows may reference each other without deadlock).
     */
    public static String forNoKeyUpdate(Handle h) {
        return isPostgres(h) ? " FOR NO KEY UPDATE" : "";
    }

    /** Shared on the key: others may update the row but not delete it until the transaction ends. */
    public static String forKeyShare(Handle h) {
        return isPostgres(h) ? " FOR KEY SHARE" : "";
    }

    private static boolean isPostgres(Handle h) {
        try {
            return h.getConnection().getMetaData().getURL().startsWith("jdbc:postgresql:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database this is", e);
        }
    }
}
