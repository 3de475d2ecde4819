package dev.sipyard.calllog;

import static dev.sipyard.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.RestartablePostgres;
import dev.sipyard.testing.TestServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call log's group commit across a PostgreSQL restart: writes queued while the database is
 * down are not failed but written, in order, once it is back (a call's progress acknowledged
 * them). PostgreSQL only: a SQLite file does not go away.
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
