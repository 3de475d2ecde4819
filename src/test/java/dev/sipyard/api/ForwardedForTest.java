package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.config.SettingsLoader;
import dev.sipyard.project.NewProject;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The failed-authentication budget per client address, behind a reverse proxy: X-Forwarded-For
 * names the client only when the TCP peer (here 127.0.0.1) is a configured trusted proxy.
 */
class ForwardedForTest {
    private static final String PATH = "/api/fabric/resources/cxml_webhooks";
    private static final String XFF = "X-Forwarded-For";

    private static int status(ApiClient client, String forwardedFor) {
        return forwardedFor == null ? client.download(PATH).statusCode()
                : client.download(PATH, XFF, forwardedFor).statusCode();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void behindATrustedProxyEachForwardedClientHasItsOwnBudget(Backend backend) {
        try (TestServer server = TestServer.start(backend, Map.of(SettingsLoader.RATE_AUTH_FAILURES, "3",
                SettingsLoader.TRUSTED_PROXIES, "127.0.0.1, ::1"))) {
            NewProject p = server.createProject("proxied");
            ApiClient guesser = new ApiClient(server.baseUrl(), p.project().id(), "sy_wrong-guess");
            ApiClient owner = new ApiClient(server.baseUrl(), p.project().id(), p.token());
            for (int i = 0; i < 3; i++) {
                assertThat(status(guesser, "203.0.113.5")).isEqualTo(401);
            }
            assertThat(status(guesser, "203.0.113.5")).isEqualTo(429);
            // what a client writes left of its own address does not make it someone else
            assertThat(status(guesser, "198.51.100.1, 203.0.113.5")).isEqualTo(429);
            assertThat(status(owner, "203.0.113.5")).isEqualTo(429);
            // another client behind the same proxy still has its whole budget
            assertThat(status(guesser, "203.0.113.6")).isEqualTo(401);
            assertThat(status(owner, "203.0.113.7")).isEqualTo(200);
            // the proxy's own requests (no header) are the proxy's
            assertThat(status(owner, null)).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void withoutTrustedProxiesTheHeaderIsIgnoredAndCannotEscapeTheLimit(Backend backend) {
        try (TestServer server = TestServer.start(backend, Map.of(SettingsLoader.RATE_AUTH_FAILURES, "3"))) {
            NewProject p = server.createProject("direct");
            ApiClient guesser = new ApiClient(server.baseUrl(), p.project().id(), "sy_wrong-guess");
            ApiClient owner = new ApiClient(server.baseUrl(), p.project().id(), p.token());
            for (int i = 0; i < 3; i++) {
                assertThat(status(guesser, "203.0.113." + (10 + i))).isEqualTo(401);
            }
            assertThat(status(guesser, "203.0.113.99")).isEqualTo(429);
            assertThat(status(owner, "192.0.2.200")).isEqualTo(429);
            assertThat(status(owner, null)).isEqualTo(429);
        }
    }
}
