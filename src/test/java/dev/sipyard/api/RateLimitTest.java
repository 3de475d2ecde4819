package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.config.SettingsLoader;
import dev.sipyard.project.NewProject;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Request budgets: writes per project, reads when configured, failed authentications per client address. */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class RateLimitTest {
    private static final String WEBHOOKS = "/api/fabric/resources/cxml_webhooks";

    @Parameter
    Backend backend;

    private TestServer start(Map<String, String> env) {
        return TestServer.start(backend, env);
    }

    @Test
    void writesOverTheProjectsBudgetAre429WithRetryAfterAndRateLimitHeaders() {
        try (TestServer server = start(Map.of(SettingsLoader.RATE_WRITES, "5", SettingsLoader.RATE_WINDOW, "1m"))) {
            ApiClient api = server.newProject("busy");
            for (int i = 0; i < 5; i++) {
                HttpResult r = api.post(WEBHOOKS, ResourceSamples.body("cxml_webhooks"));
                assertThat(r.status()).isEqualTo(201);
                assertThat(r.header("RateLimit-Limit")).isEqualTo("5");
                assertThat(r.header("RateLimit-Remaining")).isEqualTo(Integer.toString(4 - i));
                assertThat(Long.parseLong(r.header("RateLimit-Reset"))).isBetween(1L, 60L);
            }
            HttpResult limited = api.post(WEBHOOKS, ResourceSamples.body("cxml_webhooks"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
            assertThat(limited.json().get("error").asText()).startsWith("Too Many Requests");
            assertThat(api.delete(WEBHOOKS + "/00000000-0000-7000-8000-000000000000").status()).isEqualTo(429);
            assertThat(api.patch("/api/fabric/resources/sip_endpoints/x", Map.of()).status()).isEqualTo(429);

            // reads are not limited by default, and carry no budget headers
            HttpResult read = api.get(WEBHOOKS);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("data")).hasSize(5);
            assertThat(read.header("RateLimit-Limit")).isNull();
            // another project has its own budget
            assertThat(server.newProject("calm").post(WEBHOOKS, ResourceSamples.body("cxml_webhooks")).status())
                    .isEqualTo(201);
        }
    }

    @Test
    void theBudgetRenewsWhenTheWindowEnds() throws InterruptedException {
        try (TestServer server = start(Map.of(SettingsLoader.RATE_WRITES, "2", SettingsLoader.RATE_WINDOW, "1s"))) {
            ApiClient api = server.newProject("burst");
            api.post(WEBHOOKS, ResourceSamples.body("cxml_webhooks"));
            api.post(WEBHOOKS, ResourceSamples.body("cxml_webhooks"));
            HttpResult limited = api.post(WEBHOOKS, ResourceSamples.body("cxml_webhooks"));
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("1");
            Thread.sleep(1100);
            assertThat(api.post(WEBHOOKS, ResourceSamples.body("cxml_webhooks")).status()).isEqualTo(201);
        }
    }

    @Test
    void readsAreLimitedWhenConfigured() {
        try (TestServer server = start(Map.of(SettingsLoader.RATE_READS, "3", SettingsLoader.RATE_WINDOW, "1m"))) {
            ApiClient api = server.newProject("reader");
            for (int i = 0; i < 3; i++) {
                assertThat(api.get(WEBHOOKS).status()).isEqualTo(200);
            }
            HttpResult limited = api.get(WEBHOOKS);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotNull();
            assertThat(api.post(WEBHOOKS, ResourceSamples.body("cxml_webhooks")).status()).isEqualTo(201);
        }
    }

    @Test
    void repeatedFailedAuthenticationsFromOneAddressAre429EvenWithTheRightToken() {
        try (TestServer server = start(Map.of(SettingsLoader.RATE_AUTH_FAILURES, "3"))) {
            NewProject p = server.createProject("target");
            ApiClient guesser = new ApiClient(server.baseUrl(), p.project().id(), "sy_wrong-guess");
            ApiClient owner = new ApiClient(server.baseUrl(), p.project().id(), p.token());
            assertThat(owner.get(WEBHOOKS).status()).isEqualTo(200);
            for (int i = 0; i < 3; i++) {
                HttpResult r = guesser.get(WEBHOOKS);
                assertThat(r.status()).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).isEqualTo("Basic realm=\"sipyard\"");
            }
            HttpResult blocked = guesser.get(WEBHOOKS);
            assertThat(blocked.status()).isEqualTo(429);
            assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 60L);
            assertThat(server.anonymous().get(WEBHOOKS).status()).isEqualTo(429);
            // while the address is blocked, tokens are not even checked: guessing right does not help
            assertThat(owner.get(WEBHOOKS).status()).isEqualTo(429);
            // endpoints without credentials stay reachable
            assertThat(server.anonymous().get("/api/healthz").status()).isEqualTo(200);
        }
    }

    @Test
    void defaultsAllowTenThousandWritesPerTenSeconds() {
        try (TestServer server = start(Map.of())) {
            HttpResult r = server.newProject("default").post(WEBHOOKS, ResourceSamples.body("cxml_webhooks"));
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.header("RateLimit-Limit")).isEqualTo("10000");
            assertThat(r.header("RateLimit-Remaining")).isEqualTo("9999");
            assertThat(Long.parseLong(r.header("RateLimit-Reset"))).isBetween(1L, 10L);
        }
    }
}
