package dev.sipyard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept statements over a real SQLite file behind a real HikariCP pool of one connection. */
class StatementCacheTest {
    private static final NamedSql BY_ID = NamedSql.of("SELECT v FROM t WHERE id = :id");

    @TempDir
    Path dir;

    private HikariDataSource pool;
    private final StatementCache statements = new StatementCache();

    @BeforeEach
    void open() throws SQLException {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        c.setMaximumPoolSize(1);
        pool = new HikariDataSource(c);
        try (Connection conn = pool.getConnection(); Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
            for (int i = 0; i < 40; i++) {
                s.execute("INSERT INTO t (id, v) VALUES (" + i + ", 'v" + i + "')");
            }
        }
    }

    @AfterEach
    void close() {
        pool.close();
    }

    private String read(int id) throws SQLException {
        try (Connection conn = pool.getConnection()) {
            return statements.query(conn, BY_ID, ps -> BY_ID.bind(ps, "id", id),
                    rs -> rs.next() ? rs.getString(1) : null);
        }
    }

    private PreparedStatement statementOfTheNextBorrower() throws SQLException {
        try (Connection conn = pool.getConnection()) {
            PreparedStatement ps = statements.prepare(conn, BY_ID.sql());
            statements.release(conn, BY_ID.sql(), ps);
            return ps;
        }
    }

    @Test
    void theSameStatementServesLaterBorrowersWithTheirOwnParameters() throws SQLException {
        for (int i = 0; i < 40; i++) {
            assertThat(read(i)).isEqualTo("v" + i);
        }
        assertThat(statementOfTheNextBorrower()).isSameAs(statementOfTheNextBorrower());
    }

    @Test
    void aKeptStatementHoldsNoReadSnapshot() throws SQLException {
        assertThat(read(1)).isEqualTo("v1");
        // Another connection commits a change; a statement left un-reset would keep the old snapshot open.
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            writer.createStatement().executeUpdate("UPDATE t SET v = 'changed' WHERE id = 1");
        }
        assertThat(read(1)).isEqualTo("changed");
    }

    @Test
    void aConnectionThePoolReplacedGetsFreshStatements() throws SQLException {
        assertThat(read(1)).isEqualTo("v1");
        PreparedStatement before = statementOfTheNextBorrower();
        pool.getHikariPoolMXBean().softEvictConnections();
        assertThat(read(2)).isEqualTo("v2");
        PreparedStatement after = statementOfTheNextBorrower();
        assertThat(after).isNotSameAs(before); // prepared on the new physical connection
    }

    @Test
    void statementsPastThePerConnectionLimitStillWorkAndAreClosed() throws SQLException {
        PreparedStatement last = null;
        for (int n = 0; n < StatementCache.PER_CONNECTION + 5; n++) {
            NamedSql count = NamedSql.of("SELECT COUNT(*) FROM (SELECT id FROM t LIMIT " + (n + 1) + ")");
            int expected = Math.min(n + 1, 40);
            try (Connection conn = pool.getConnection()) {
                Integer counted = statements.query(conn, count, ps -> { }, rs -> rs.next() ? rs.getInt(1) : -1);
                assertThat(counted).isEqualTo(expected);
                last = statements.prepare(conn, count.sql());
                statements.release(conn, count.sql(), last);
            }
        }
        assertThat(last.isClosed()).isTrue(); // one use, not kept
        assertThat(read(39)).isEqualTo("v39");
    }

    @Test
    void aStatementThatFailedIsNotKept() throws SQLException {
        assertThat(read(1)).isEqualTo("v1");
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            other.createStatement().executeUpdate("ALTER TABLE t RENAME TO away");
            assertThatThrownBy(() -> read(1)).isInstanceOf(SQLException.class).hasMessageContaining("t");
            other.createStatement().executeUpdate("ALTER TABLE away RENAME TO t");
        }
        assertThat(read(1)).isEqualTo("v1");
        assertThat(read(2)).isEqualTo("v2");
    }

    @Test
    void anEmptyResultLeavesTheStatementUsable() throws SQLException {
        assertThat(read(5)).isEqualTo("v5");
        assertThat(read(999)).isNull();
        assertThat(read(6)).isEqualTo("v6");
    }
}
