package dev.sipyard.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reused statements over a real SQLite file behind a real HikariCP pool of one connection. */
class ReusedStatementsTest {
    private static final String BY_ID = "SELECT v FROM t WHERE id = :id";

    @TempDir
    Path dir;

    private HikariDataSource pool;
    private Jdbi jdbi;
    private final ReusedStatements reused = new ReusedStatements();

    @BeforeEach
    void open() {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        c.setMaximumPoolSize(1);
        pool = new HikariDataSource(c);
        jdbi = Jdbi.create(pool);
        jdbi.useHandle(h -> {
            h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            for (int i = 0; i < 40; i++) {
                h.execute("INSERT INTO t (id, v) VALUES (?, ?)", i, "v" + i);
            }
        });
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private String read(int id) {
        return jdbi.withHandle(h -> h.setStatementBuilder(reused).createQuery(BY_ID).bind("id", id)
                .mapTo(String.class).one());
    }

    private PreparedStatement statementOfTheNextBorrower() throws Exception {
        return jdbi.withHandle(h -> reused.create(h.getConnection(), BY_ID, null));
    }

    @Test
    void theSameStatementServesLaterBorrowersWithTheirOwnParameters() throws Exception {
        for (int i = 0; i < 40; i++) {
            assertThat(read(i)).isEqualTo("v" + i);
        }
        assertThat(statementOfTheNextBorrower()).isSameAs(statementOfTheNextBorrower());
    }

    @Test
    void aKeptStatementHoldsNoReadSnapshot() throws Exception {
        assertThat(read(1)).isEqualTo("v1");
        // Another connection commits a change; a statement left un-reset would keep the old snapshot open.
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            writer.createStatement().executeUpdate("UPDATE t SET v = 'changed' WHERE id = 1");
        }
        assertThat(read(1)).isEqualTo("changed");
    }

    @Test
    void aConnectionThePoolReplacedGetsFreshStatements() throws Exception {
        assertThat(read(1)).isEqualTo("v1");
        PreparedStatement before = statementOfTheNextBorrower();
        pool.getHikariPoolMXBean().softEvictConnections();
        assertThat(read(2)).isEqualTo("v2");
        PreparedStatement after = statementOfTheNextBorrower();
        assertThat(after).isNotSameAs(before); // prepared on the new physical connection
    }

    @Test
    void statementsPastThePerConnectionLimitStillWork() {
        for (int n = 0; n < ReusedStatements.PER_CONNECTION + 5; n++) {
            int limit = n + 1;
            Integer counted = jdbi.withHandle(h -> h.setStatementBuilder(reused)
                    .createQuery("SELECT COUNT(*) FROM (SELECT id FROM t LIMIT " + limit + ")")
                    .mapTo(Integer.class).one());
            assertThat(counted).isEqualTo(Math.min(limit, 40));
        }
        assertThat(read(39)).isEqualTo("v39");
    }

    @Test
    void anEmptyResultLeavesTheStatementUsable() {
        Handle h = jdbi.open();
        try (h) {
            h.setStatementBuilder(reused);
            assertThat(h.createQuery(BY_ID).bind("id", 5).mapTo(String.class).findOne()).contains("v5");
            assertThat(h.createQuery(BY_ID).bind("id", 999).mapTo(String.class).findOne()).isEmpty();
        }
        assertThat(read(6)).isEqualTo("v6");
    }
}
