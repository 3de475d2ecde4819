package dev.sipyard.store;

import java.sql.SQLException;

/** A statement run through plain JDBC ({@link Database#read}) failed; its cause says why (an outage is a 503). */
public final class SqlFailure extends RuntimeException {
    public SqlFailure(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
