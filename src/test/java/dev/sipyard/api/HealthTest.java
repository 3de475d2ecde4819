package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestServer;
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
}
