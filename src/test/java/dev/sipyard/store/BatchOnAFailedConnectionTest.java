package dev.sipyard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestServer;
import org.jdbi.v3.core.CloseException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;

/**
 * A batch whose connection fails under it (a PostgreSQL restart, a fail-over) must fail as an
 * outage, which the writers wait out, and not as the driver's own AssertionError, which ended
 * the call log's writer thread and left every later write of the call log waiting forever.
 */
class BatchOnAFailedConnectionTest {

    @Test
    void aBatchOnAConnectionThatFailedIsAnOutageNotAnError() {
        try (TestServer server = TestServer.start(Backend.POSTGRES)) {
            Jdbi jdbi = server.server().database().jdbi();
            Handle h = jdbi.open();
            try {
                h.execute("CREATE TEMP TABLE batched (x INTEGER)");
                int pid = h.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
                jdbi.useHandle(other -> other.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", pid)
                        .mapTo(Boolean.class).one());
                PreparedBatch batch = h.prepareBatch("INSERT INTO batched (x) VALUES (:x)");
                for (int i = 0; i < 3; i++) {
                    batch.bind("x", i).add();
                }

                Throwable failure = catchThrowable(() -> Database.executeBatch(batch));

                assertThat(failure).isInstanceOf(RuntimeException.class);
                assertThat(Database.isUnavailable(failure)).as("an outage: %s", failure).isTrue();
            } finally {
                try {
                    h.close();
                } catch (CloseException expected) {
                    // its connection is gone: it cannot be handed back clean
                }
            }
        }
    }
}
