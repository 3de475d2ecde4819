package dev.sipyard.api;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One real server per test class and backend (each class runs on both databases); a fresh
 * project (so a clean slate) per test.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApiContractBase {
    static final String ENDPOINTS = "/api/fabric/resources/sip_endpoints";
    static final String LEGACY = "/api/relay/rest/endpoints/sip";
    static final String PROFILE = "/api/relay/rest/sip_profile";
    static final String NUMBERS = "/api/relay/rest/phone_numbers";
    private static final AtomicInteger NAMES = new AtomicInteger();

    TestServer server;
    ApiClient api;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    void startServer(Backend backend) {
        server = TestServer.start(backend);
    }

    @AfterParameterizedClassInvocation
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newProject() {
        api = server.newProject("project " + NAMES.incrementAndGet());
    }

    /** A valid create body for {@code username}, plus extra fields. */
    static Map<String, Object> endpoint(String username, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", username);
        m.put("password", "Str0ng-Pass-" + username.hashCode());
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    String createEndpoint(String username, Object... keyValues) {
        var r = api.post(ENDPOINTS, endpoint(username, keyValues));
        if (r.status() != 201) {
            throw new AssertionError("create " + username + " failed: " + r);
        }
        return r.json().get("id").asText();
    }
}
