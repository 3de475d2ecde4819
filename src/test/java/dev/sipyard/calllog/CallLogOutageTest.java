package dev.sipyard.calllog;

import static dev.sipyard.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.RestartablePostgres;
import dev.sipyard.testing.TestServer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call log's group commit and the outbox across a PostgreSQL restart: writes queued while the
 * database is down are not failed but written, in order, once it is back (a call's progress
 * acknowledged them); a callback delivered while it was down is not sent again. PostgreSQL only:
 * a SQLite file does not go away.
 */
class CallLogOutageTest {
    @TempDir
    Path dir;

    @Test
    void writesQueuedWhileTheDatabaseIsDownLandOnceItIsBack() throws Exception {
        try (RestartablePostgres pg = new RestartablePostgres(dir)) {
            String url = pg.createDatabase("calllog");
            try (TestServer server = TestServer.start(Backend.POSTGRES, Map.of("SIPYARD_DB", url))) {
                String project = server.createProject("outage").project().id();
                CallLog calls = server.server().callLog();
                // callbacks to a closed port: they stay in the outbox, one row each
                String id = calls.open(StatusCallbacksTest.call(project, "http://127.0.0.1:9/status"));

                pg.stop();
                CompletableFuture<Boolean> answered = calls.answeredQueued(id);
                CompletableFuture<Boolean> ended = calls.endedQueued(id, "completed", 200, "caller hung up");
                until("the server sees the database down", () -> server.server().database().isDown());
                assertThat(ended).as("a write waits for the database rather than fail").isNotDone();

                pg.start();
                assertThat(answered.get(60, TimeUnit.SECONDS)).isTrue();
                assertThat(ended.get(60, TimeUnit.SECONDS)).isTrue();
                assertThat(text(url, "SELECT status FROM calls WHERE id = ?", id)).isEqualTo("completed");
                assertThat(text(url, "SELECT count(*) FROM webhook_outbox WHERE ordering_key = ?", id))
                        .as("initiated, in-progress and completed callbacks").isEqualTo("3");
                assertThat(text(url, "SELECT string_agg(detail, ',' ORDER BY at, id) FROM call_events "
                        + "WHERE call_id = ? AND kind = 'status'", id))
                        .contains("initiated").contains("in-progress").contains("completed");
            }
        }
    }

    @Test
    void aCallbackDeliveredWhileTheDatabaseIsDownIsCrossedOffOnceItIsBackAndNotSentAgain() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger deliveries = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/status", exchange -> {
            exchange.getRequestBody().readAllBytes();
            deliveries.incrementAndGet();
            arrived.countDown();
            try {
                release.await(60, TimeUnit.SECONDS); // answers once the test has stopped the database
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try (RestartablePostgres pg = new RestartablePostgres(dir)) {
            String url = pg.createDatabase("outbox");
            try (TestServer server = TestServer.start(Backend.POSTGRES, Map.of("SIPYARD_DB", url))) {
                String project = server.createProject("outage").project().id();
                String id = server.server().callLog().open(StatusCallbacksTest.call(project,
                        "http://127.0.0.1:" + receiver.getAddress().getPort() + "/status"));
                assertThat(arrived.await(30, TimeUnit.SECONDS)).as("the initiated callback is sent").isTrue();
                pg.stop();
                release.countDown(); // delivered: the 200 comes back while the row cannot be deleted
                until("the server sees the database down", () -> server.server().database().isDown());

                pg.start();
                until("the delivered row is deleted", () -> "0".equals(
                        uncheckedText(url, "SELECT count(*) FROM webhook_outbox WHERE ordering_key = ?", id)));
                assertThat(deliveries.get()).as("sent once").isEqualTo(1);
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static String uncheckedText(String url, String sql, String id) {
        try {
            return text(url, sql, id);
        } catch (SQLException e) {
            return null; // the database is still starting
        }
    }

    private static String text(String url, String sql, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
