package dev.sipyard.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, as the pool sees it. A connection that cannot be had, or a
 * statement that fails because the server went away (SQLState class 08, or 57P01-57P03: shut
 * down, restarting), marks the database <em>down</em>: one warning, then every borrow fails at once
 * (no caller waits out the pool's connection timeout; callers turn the failure into a 503) while
 * one background probe waits for a connection. The probe's success marks it <em>up</em> again with
 * one line saying how long it was away. The pool itself (HikariCP) reconnects; nothing here
 * restarts it.
 */
public final class Availability implements SQLExceptionOverride {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(Availability.class);
    /** SQLState of the failure a borrow gets while the database is down (class 08: connection exception). */
    static final String UNREACHABLE_STATE = "08001";
    private static final long PROBE_PAUSE_MILLIS = 250;
    /** How deep a chain of causes is searched (a cycle must not loop forever). */
    private static final int MAX_CAUSES = 20;

    private volatile DataSource pool;
    private final Object lock = new Object();
    private volatile long downSinceNanos;
    private volatile boolean down;
    private volatile boolean closed;
    private Thread probe;

    /** Set up before the pool (which reports its statements' failures through {@link #adjudicate}); see {@link #guard}. */
    Availability() {}

    /** True when {@code e}, or any cause, says the database cannot be reached (rather than that a query was wrong). */
    public static boolean isOutage(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && isOutageState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutageState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"));
    }

    /** True while the database is known to be unreachable. */
    public boolean isDown() {
        return down;
    }

    /** Called by the pool for every failed statement: an outage marks the database down; the pool decides the rest. */
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        if (isOutage(e)) {
            markDown(e);
        }
        return SQLExceptionOverride.super.adjudicate(e);
    }

    /** A connection from the pool, or at once a connection exception while the database is down. */
    Connection connection() throws SQLException {
        if (down) {
            throw new SQLTransientConnectionException("the database is unreachable (for "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downSinceNanos) + " s)", UNREACHABLE_STATE);
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            if (isOutage(e)) {
                markDown(e);
            }
            throw e;
        }
    }

    private void markDown(SQLException cause) {
        synchronized (lock) {
            if (down || closed) {
                return;
            }
            down = true;
            downSinceNanos = System.nanoTime();
            log.warn("the database is unreachable ({}); requests that need it are refused with 503 until it is back",
                    firstLine(cause));
            probe = Thread.ofVirtual().name("database-probe").start(this::probeUntilUp);
        }
    }

    private void probeUntilUp() {
        while (!closed) {
            try (Connection c = pool.getConnection()) {
                if (c.isValid(2)) {
                    synchronized (lock) {
                        down = false;
                        probe = null;
                    }
                    log.info("the database is reachable again after {} ms",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - downSinceNanos));
                    return;
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("database probe: {}", firstLine(e));
            }
            try {
                Thread.sleep(PROBE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Stops the probe (the pool is closing). */
    void close() {
        Thread t;
        synchronized (lock) {
            closed = true;
            t = probe;
        }
        if (t != null) {
            t.interrupt();
        }
    }

    /** Watches {@code pool}; returns it as seen through {@link #connection()}: what JDBI uses. */
    DataSource guard(DataSource pool) {
        this.pool = pool;
        return new Guarded();
    }

    private final class Guarded implements DataSource {
        @java.lang.Override
        public Connection getConnection() throws SQLException {
            return connection();
        }

        @java.lang.Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("the pool has its own credentials");
        }

        @java.lang.Override
        public PrintWriter getLogWriter() throws SQLException {
            return pool.getLogWriter();
        }

        @java.lang.Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            pool.setLogWriter(out);
        }

        @java.lang.Override
        public void setLoginTimeout(int seconds) throws SQLException {
            pool.setLoginTimeout(seconds);
        }

        @java.lang.Override
        public int getLoginTimeout() throws SQLException {
            return pool.getLoginTimeout();
        }

        @java.lang.Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return pool.getParentLogger();
        }

        @java.lang.Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return pool.unwrap(iface);
        }

        @java.lang.Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return pool.isWrapperFor(iface);
        }
    }
}
