package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestDatabases;
import dev.sipyard.testing.TestServer;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthTest {

    @ParameterizedTest
    @EnumSource(Backend.class)
    void healthzAnswersWithoutCredentialsWhileTheDatabaseIsUp(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            var r = server.anonymous().get("/api/healthz");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void healthzIs503WhenTheDatabaseIsGoneAndTheServerStaysUp() throws Exception {
        try (TestServer server = TestServer.start(Backend.POSTGRES)) {
            var api = server.newProject("doomed");
            String db = server.settings().dbUrl().replaceAll(".*/([^?]+).*", "$1");
            try (Connection c = TestDatabases.postgres().getPostgresDatabase().getConnection();
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE " + db + " WITH (FORCE)");
            }
            var health = server.anonymous().get("/api/healthz");
            assertThat(health.status()).isEqualTo(503);
            var list = api.get("/api/fabric/resources/sip_endpoints");
            assertThat(list.status()).isIn(401, 500, 503);
            assertThat(list.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
