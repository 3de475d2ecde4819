package dev.sipyard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class NamedSqlTest {
    @Test
    void namesBecomePositionsInOrderAndQuotesAndCastsStay() {
        NamedSql sql = NamedSql.parse("SELECT ':not' FROM t WHERE a = :a AND b::text LIKE :b_2 ESCAPE '!' AND c = :a");
        assertThat(sql.sql()).isEqualTo("SELECT ':not' FROM t WHERE a = ? AND b::text LIKE ? ESCAPE '!' AND c = ?");
    }

    @Test
    void aNameUsedTwiceIsBoundAtBothPlacesAndTypesAreKept() throws SQLException {
        NamedSql sql = NamedSql.of("SELECT :s || '-' || :n || '-' || :s, :l + 1, :nothing IS NULL");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
             PreparedStatement ps = c.prepareStatement(sql.sql())) {
            sql.bind(ps, "s", "x");
            sql.bind(ps, "n", 7);
            sql.bind(ps, "l", 10_000_000_000L);
            sql.bind(ps, "nothing", null);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("x-7-x");
                assertThat(rs.getLong(2)).isEqualTo(10_000_000_001L);
                assertThat(rs.getBoolean(3)).isTrue();
            }
            assertThatThrownBy(() -> sql.bind(ps, "missing", "v")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(":missing");
        }
    }
}
