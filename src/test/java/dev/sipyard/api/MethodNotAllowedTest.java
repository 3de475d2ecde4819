package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A method a path does not have is 405 with Allow, in each API family; a path no route has stays 404. */
class MethodNotAllowedTest {
    private static final String UUID = "0c5e1a52-0000-7000-8000-000000000001";

    private record Case(String method, String path, String allow) {}

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aMethodThePathLacksIs405WithTheMethodsItHas(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("methods");
            String account = api.credentials()[0];
            String id = api.post("/api/fabric/resources/sip_endpoints",
                    Map.of("username", "alice", "password", "Str0ng-Secret-42")).json().get("id").asText();
            List<Case> cases = List.of(
                    new Case("DELETE", "/api/fabric/resources/sip_endpoints", "GET, HEAD, POST"),
                    new Case("PUT", "/api/fabric/resources/sip_endpoints", "GET, HEAD, POST"),
                    new Case("POST", "/api/fabric/resources/sip_endpoints/" + id,
                            "GET, HEAD, PUT, PATCH, DELETE"),
                    new Case("PUT", "/api/fabric/resources/cxml_webhooks", "GET, HEAD, POST"),
                    new Case("PUT", "/api/fabric/resources", "GET, HEAD"),
                    new Case("PATCH", "/api/relay/rest/endpoints/sip/" + id, "GET, HEAD, PUT, DELETE"),
                    new Case("DELETE", "/api/relay/rest/endpoints/sip", "GET, HEAD, POST"),
                    new Case("DELETE", "/api/relay/rest/sip_profile", "GET, HEAD, PUT"),
                    new Case("POST", "/api/relay/rest/sip_bans", "GET, HEAD"),
                    new Case("DELETE", "/api/relay/rest/phone_numbers", "GET, HEAD, POST"),
                    new Case("DELETE", "/api/voice/logs", "GET, HEAD"),
                    new Case("POST", "/api/healthz", "GET, HEAD"));
            for (Case c : cases) {
                HttpResult r = api.send(c.method(), c.path(), null, null);
                assertThat(r.status()).as(c.toString()).isEqualTo(405);
                assertThat(r.header("Allow")).as(c.toString()).isEqualTo(c.allow());
                assertThat(r.body()).as(c.toString()).isEqualTo("{\"error\":\"Method Not Allowed\"}");
                for (String allowed : c.allow().split(", ")) {
                    assertThat(api.send(allowed, c.path(), "application/json", allowed.equals("GET")
                            || allowed.equals("HEAD") || allowed.equals("DELETE") ? null : "{}").status())
                            .as(allowed + " " + c.path()).isNotEqualTo(405);
                }
            }
            // before credentials: the route's shape is public (the OpenAPI document), not a project's data
            HttpResult anonymous = server.anonymous().delete("/api/fabric/resources/sip_endpoints");
            assertThat(anonymous.status()).isEqualTo(405);
            assertThat(anonymous.header("Allow")).isEqualTo("GET, HEAD, POST");

            for (String prefix : List.of("/api/laml/2010-04-01/Accounts/", "/2010-04-01/Accounts/")) {
                HttpResult r = api.send("POST", prefix + account + "/Calls.json", null, null);
                assertThat(r.status()).as(prefix).isEqualTo(405);
                assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
                assertThat(r.json().get("code").asInt()).isEqualTo(20004);
                assertThat(r.json().get("status").asInt()).isEqualTo(405);
                HttpResult delete = api.send("DELETE", prefix + account + "/Calls/CA123", null, null);
                assertThat(delete.status()).isEqualTo(405);
                assertThat(delete.header("Allow")).isEqualTo("GET, HEAD");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void unknownPathsAndUnknownIdsStay404(Backend backend) {
        try (TestServer server = TestServer.start(backend)) {
            ApiClient api = server.newProject("paths");
            for (String method : List.of("GET", "DELETE", "POST")) {
                for (String path : List.of("/api/nope", "/api/fabric/resources/sip_endpoints/" + UUID + "/nope",
                        "/api/relay/rest/nope/" + UUID)) {
                    HttpResult r = api.send(method, path, null, null);
                    assertThat(r.status()).as(method + " " + path).isEqualTo(404);
                    assertThat(r.header("Allow")).isNull();
                    assertThat(r.body()).isEqualTo("{\"error\":\"Not Found\"}");
                }
            }
            // the generic route's own method on an id that does not exist
            assertThat(api.delete("/api/fabric/resources/" + UUID).status()).isEqualTo(404);
            assertThat(api.send("HEAD", "/api/fabric/resources/sip_endpoints", null, null).status()).isEqualTo(200);
        }
    }
}
