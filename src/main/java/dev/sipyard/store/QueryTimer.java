package dev.sipyard.store;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Times every statement JDBI runs, and the plain reads of {@link Database#read} (execution only:
 * not the wait for a pool connection, which the pool's own meters show), ok or failed. JDBI
 * measures its statements' time itself; this only records it.
 */
final class QueryTimer implements SqlLogger {
    private final Timer ok;
    private final Timer failed;

    QueryTimer(MeterRegistry registry) {
        ok = timer(registry, "ok");
        failed = timer(registry, "error");
    }

    private static Timer timer(MeterRegistry registry, String result) {
        return Timer.builder("sipyard.db.queries")
                .description("SQL statements run, by result")
                .tag("result", result)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
                        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
    }

    /** Records one statement run outside JDBI ({@link Database#read}). */
    void record(long nanos, boolean succeeded) {
        (succeeded ? ok : failed).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    @Override
    public void logAfterExecution(StatementContext context) {
        ok.record(context.getElapsedTime(ChronoUnit.NANOS), TimeUnit.NANOSECONDS);
    }

    @Override
    public void logException(StatementContext context, SQLException ex) {
        failed.record(Math.max(0, context.getElapsedTime(ChronoUnit.NANOS)), TimeUnit.NANOSECONDS);
    }
}
