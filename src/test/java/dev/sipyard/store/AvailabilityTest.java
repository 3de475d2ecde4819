package dev.sipyard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are the database being away (a 503 to retry) rather than a wrong query (a 500). */
class AvailabilityTest {
    @Test
    void connectionExceptionsAndServerShutdownsAreOutages() {
        assertThat(Availability.isOutage(new SQLException("refused", "08001"))).isTrue();
        assertThat(Availability.isOutage(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(Availability.isOutage(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(Availability.isOutage(new SQLException("the database system is starting up", "57P03"))).isTrue();
    }

    @Test
    void anOutageIsFoundUnderTheWrappersOfThePoolAndJdbi() {
        SQLException refused = new SQLException("Connection refused", "08001");
        SQLException poolTimeout = new SQLTransientConnectionException("request timed out", "08001", refused);
        assertThat(Availability.isOutage(new ConnectionException(poolTimeout))).isTrue();
        assertThat(Availability.isOutage(new IllegalStateException("wrapped", new ConnectionException(refused))))
                .isTrue();
    }

    @Test
    void wrongQueriesAndABusyPoolAreNot() {
        assertThat(Availability.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(Availability.isOutage(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(Availability.isOutage(new SQLTransientConnectionException("request timed out after 10000ms")))
                .as("every connection in use: no SQLState, no cause").isFalse();
        assertThat(Availability.isOutage(new IllegalArgumentException("no SQL at all"))).isFalse();
        assertThat(Availability.isOutage(null)).isFalse();
    }

    @Test
    void whatABorrowGetsWhileTheDatabaseIsDownIsItselfAnOutage() {
        assertThat(Availability.isOutage(new SQLTransientConnectionException("down", Availability.UNREACHABLE_STATE)))
                .isTrue();
    }
}
