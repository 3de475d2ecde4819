package dev.sipyard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sipyard.config.Settings;
import dev.sipyard.store.migration.V9__RegistrationsUpdatedInPlace;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The connection pool, JDBI and the schema. SQLite runs in WAL mode with foreign keys on and
 * write transactions that take the write lock up front (BEGIN IMMEDIATE), so concurrent
 * writers queue on the busy timeout instead of failing.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final Dialect dialect;
    private final SharedCounters sharedCounters;
    private final Availability availability;
    private volatile QueryTimer queryTimer;

    /** Work on one pooled connection, outside any transaction. */
    @FunctionalInterface
    public interface ConnectionWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    private Database(HikariDataSource dataSource, Availability availability, Dialect dialect, String nodeId) {
        this.dataSource = dataSource;
        this.availability = availability;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(availability.guard(dataSource));
        if (dialect == Dialect.SQLITE) {
            jdbi.setTransactionHandler(new SerializedWrites(jdbi.getTransactionHandler()));
        }
        // Nodes share a PostgreSQL; a SQLite file is one node's. A restarted node counts afresh.
        this.sharedCounters = dialect == Dialect.POSTGRES
                ? new SharedCounters(jdbi, nodeId + "/" + dev.sipyard.common.Ids.newId(), java.time.Clock.systemUTC())
                : SharedCounters.none();
    }

    public static Database open(Settings settings) {
        DriverLog.route();
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("sipyard-db");
        hc.setMaximumPoolSize(settings.dbPoolSize());
        hc.setConnectionTimeout(10_000);
        Dialect dialect;
        if (settings.isPostgres()) {
            dialect = Dialect.POSTGRES;
            hc.setJdbcUrl(settings.dbUrl());
            if (settings.dbUser() != null) {
                hc.setUsername(settings.dbUser());
            }
            if (settings.dbPassword() != null) {
                hc.setPassword(settings.dbPassword());
            }
        } else {
            dialect = Dialect.SQLITE;
            String file = settings.dbUrl().substring("jdbc:sqlite:".length());
            createParentFolder(file);
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // NORMAL in WAL mode: a committed transaction survives a crash of the process (kill -9);
            // only an operating-system crash or power loss can lose the last commits.
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.enforceForeignKeys(true);
            sc.setBusyTimeout(30_000);
            sc.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            hc.setJdbcUrl(settings.dbUrl());
            hc.setDataSourceProperties(sc.toProperties());
        }
        hc.setInitializationFailTimeout(-1);
        Availability availability = new Availability();
        hc.setExceptionOverride(availability);
        HikariDataSource ds = new HikariDataSource(hc);
        return new Database(ds, availability, dialect, settings.nodeId());
    }

    private static void createParentFolder(String file) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new IllegalStateException("cannot create the data folder " + parent + ": " + e.getMessage(), e);
            }
        }
    }

    /** Brings the schema up to date (the same migrations on both databases). */
    public void migrate() {
        var result = flyway().migrate();
        log.info("database schema at version {} ({} migration(s) applied)", result.targetSchemaVersion,
                result.migrationsExecuted);
    }

    /** The migrations: SQL common to both databases, and Java ones where they differ. */
    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .javaMigrations(new V9__RegistrationsUpdatedInPlace())
                .loggers("slf4j")
                .load();
    }

    /** Where the schema stands: the version applied (null: none yet) and migrations this build would apply. */
    public record SchemaState(String appliedVersion, int pending) {}

    /** Reads the schema's state without changing anything. */
    public SchemaState schema() {
        var info = flyway().info();
        var current = info.current();
        return new SchemaState(current == null ? null : current.getVersion().getVersion(), info.pending().length);
    }

    /**
     * Reports the pool (connections active, idle, pending, waits: HikariCP's own meters) and the
     * time of every JDBI statement to {@code registry}. Once per database.
     */
    public void measure(MeterRegistry registry) {
        dataSource.setMetricRegistry(registry);
        queryTimer = new QueryTimer(registry);
        jdbi.setSqlLogger(queryTimer);
    }

    /**
     * Runs {@code work} on a pooled connection in plain JDBC, for the hottest reads, where JDBI's
     * per-statement machinery costs more than the statement (see {@link StatementCache} for
     * reusing prepared statements). Its time is recorded with the JDBI statements' (without the
     * wait for the connection); a failure comes back as {@link SqlFailure}.
     */
    public <T> T read(ConnectionWork<T> work) {
        try (Connection c = availability.connection()) {
            long start = System.nanoTime();
            boolean ok = false;
            try {
                T result = work.apply(c);
                ok = true;
                return result;
            } finally {
                QueryTimer timer = queryTimer;
                if (timer != null) {
                    timer.record(System.nanoTime() - start, ok);
                }
            }
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The counters this node adds up with the other nodes on this database (a server starts their sync). */
    public SharedCounters sharedCounters() {
        return sharedCounters;
    }

    /** True when the database answers a trivial query within a second (false at once while it is known to be down). */
    public boolean isReachable() {
        try (var c = availability.connection()) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** True while the database is known to be unreachable (see {@link Availability}). */
    public boolean isDown() {
        return availability.isDown();
    }

    /** True when {@code e} (or a cause) says the database cannot be reached: a 503 to retry, not a 500. */
    public static boolean isUnavailable(Throwable e) {
        return Availability.isOutage(e);
    }

    /**
     * Runs {@code batch}. PostgreSQL's driver reports a connection that fails in the middle of a
     * batch with an {@link AssertionError} ("getAutoCommit() should not throw"): an Error, which
     * would end the writer thread running it and leave every later write waiting forever. It is
     * turned into the connection failure it is (SQLState 08006), which writers wait out as any
     * other outage.
     */
    public static int[] executeBatch(PreparedBatch batch) {
        try {
            return batch.execute();
        } catch (AssertionError e) {
            throw new UnableToExecuteStatementException(brokenBatch(e), batch.getContext());
        }
    }

    /** The connection failure a batch's {@link AssertionError} stands for (see {@link #executeBatch}). */
    static SQLException brokenBatch(AssertionError e) {
        return new SQLException("the connection failed during a batch", "08006", e);
    }

    /** True when {@code e} (or a cause) is a violated unique constraint, on either database. */
    public static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if ("23505".equals(state)) {
                    return true;
                }
                String msg = String.valueOf(sql.getMessage());
                if (msg.contains("SQLITE_CONSTRAINT_UNIQUE") || msg.contains("SQLITE_CONSTRAINT_PRIMARYKEY")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        sharedCounters.close();
        availability.close();
        dataSource.close();
    }
}
