package dev.sipyard.store;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/**
 * Row-lock clauses for read-then-write rules that must hold under concurrency. PostgreSQL needs
 * them; SQLite needs none because its write transactions start with the database write lock
 * (BEGIN IMMEDIATE), so the clauses are empty there.
 */
public final class RowLocks {
    private RowLocks() {}

    /** " FOR SHARE" on PostgreSQL: the row read cannot be deleted or changed until this transaction ends. */
    public static String forShare(Handle h) {
        return isPostgres(h) ? " FOR SHARE" : "";
    }

    /** " FOR UPDATE" on PostgreSQL: exclusive until this transaction ends. */
    public static String forUpdate(Handle h) {
        return isPostgres(h) ? " FOR UPDATE" : "";
    }

    private static boolean isPostgres(Handle h) {
        try {
            return h.getConnection().getMetaData().getURL().startsWith("jdbc:postgresql:");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
