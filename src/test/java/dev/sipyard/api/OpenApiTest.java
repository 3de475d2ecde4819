package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.CallRows;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.OpenApiDocument;
import dev.sipyard.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The served OpenAPI document against the real server: it lists exactly the server's routes,
 * and a walk through every documented operation (successes and typical failures) produces
 * requests and responses that validate against it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest {
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final String NO_SUCH_ID = "00000000-0000-7000-8000-000000000000";

    private TestServer server;
    private OpenApiDocument doc;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    void start() {
        server = TestServer.start(backend);
        HttpResult r = server.anonymous().get("/api/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        doc = new OpenApiDocument(r.json());
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
    }

    @Test
    void theDocumentIsOpenApi31AndListsExactlyTheRoutesOfTheServer() {
        assertThat(doc.json().get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> served = new TreeSet<>();
        for (String route : server.server().apiRoutes()) {
            if (HTTP_METHODS.contains(route.substring(0, route.indexOf(' ')))) {
                served.add(route);
            }
        }
        assertThat(doc.operations()).as("documented operations vs the server's routes")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void theDocsPageRendersTheDocumentWithLocallyServedAssets() {
        ApiClient anon = server.anonymous();
        HttpResult page = anon.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        // Relative to the page, so that a reverse proxy may serve it under a path prefix.
        assertThat(page.body()).contains("src=\"docs/swagger-ui-bundle.js\"").doesNotContain("https://")
                .doesNotContain("http://").doesNotContain("\"/api/");
        HttpResult bundle = anon.get("/api/docs/swagger-ui-bundle.js");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        assertThat(anon.get("/api/docs/init.js").body()).contains("new URL(\"openapi.json\", document.baseURI)")
                .doesNotContain("/api/");
        HttpResult slash = anon.get("/api/docs/");
        assertThat(slash.status()).isEqualTo(302);
        assertThat(slash.header("Location")).isEqualTo("../docs");
        assertThat(anon.get("/api/docs/swagger-ui.css").status()).isEqualTo(200);
        assertThat(anon.get("/api/docs/index.html").status()).isEqualTo(404);
        assertThat(anon.get("/api/docs/..%2F..%2Fpom.properties").status()).isEqualTo(404);
    }

    @Test
    void everyDocumentedOperationAnswersAsDocumented() {
        Walk w = new Walk(server.newProject("walk"), server.anonymous());

        w.call("GET", "/api/healthz", Map.of(), null, 200, true);
        w.call("GET", "/api/openapi.json", Map.of(), null, 200, true);
        w.call("GET", "/api/docs", Map.of(), null, 200, true);
        w.call("GET", "/api/docs/{file}", Map.of("file", "init.js"), null, 200, true);
        w.call("GET", "/api/docs/{file}", Map.of("file", "favicon-32x32.png"), null, 200, true);
        w.call("GET", "/api/docs/{file}", Map.of("file", "nope.js"), null, 404, true);

        // phone numbers and the profile
        String number = w.call("POST", "/api/relay/rest/phone_numbers", Map.of(),
                Map.of("number", "+15551230001", "name", "Main line"), 201).get("id").asText();
        w.call("POST", "/api/relay/rest/phone_numbers", Map.of(), Map.of("number", "555"), 422);
        w.call("GET", "/api/relay/rest/phone_numbers", Map.of(), null, 200);
        w.call("GET", "/api/relay/rest/phone_numbers/{id}", Map.of("id", number), null, 200);
        w.call("GET", "/api/relay/rest/phone_numbers/{id}", Map.of("id", NO_SUCH_ID), null, 404);
        w.call("GET", "/api/relay/rest/sip_profile", Map.of(), null, 200);
        w.call("PUT", "/api/relay/rest/sip_profile", Map.of(),
                Map.of("default_codecs", List.of("OPUS", "PCMU"), "default_send_as", "+15551230001"), 200);
        w.call("PUT", "/api/relay/rest/sip_profile", Map.of(), Map.of("default_encryption", "never"), 422);
        w.call("PUT", "/api/relay/rest/phone_numbers/{id}", Map.of("id", number),
                Map.of("call_handler", "laml_webhooks", "call_request_url", "https://app.example.com/voice"), 200);
        w.call("PATCH", "/api/relay/rest/phone_numbers/{id}", Map.of("id", number), Map.of("name", "Front"), 200);
        w.call("PATCH", "/api/relay/rest/phone_numbers/{id}", Map.of("id", number), Map.of("number", "+15550000000"),
                422);
        w.call("PUT", "/api/relay/rest/phone_numbers/{id}", Map.of("id", NO_SUCH_ID), Map.of("name", "x"), 404);

        // the signing key
        w.call("GET", "/api/relay/rest/signing_key", Map.of(), null, 200);
        w.call("POST", "/api/relay/rest/signing_key", Map.of(), null, 201);
        w.anonymous("GET", "/api/relay/rest/signing_key", 401);

        // the call log (rows seeded with SQL: the call engine writes them, built in parallel)
        String project = w.api.credentials()[0];
        CallRows rows = new CallRows(server);
        long now = System.currentTimeMillis();
        String call = rows.insert(new CallRows.Call(project, null, "alice", "+15551230001", "completed", now - 60_000,
                now - 30_000, 200));
        rows.insert(new CallRows.Call(project, call, "alice", "+15551230002", "ringing", now - 50_000, null, null));
        rows.event(project, call, now - 60_000, "decision", "{\"action\":\"ring\"}");
        w.call("GET", "/api/voice/logs", Map.of(), null, 200);
        w.call("GET", "/api/voice/logs?page_size=1", Map.of(), null, 200, false, "/api/voice/logs");
        w.call("GET", "/api/voice/logs/{id}", Map.of("id", call), null, 200);
        w.call("GET", "/api/voice/logs/{id}", Map.of("id", NO_SUCH_ID), null, 404);
        w.call("GET", "/api/voice/logs/{id}/events", Map.of("id", call), null, 200);
        w.call("GET", "/api/voice/logs/{id}/events", Map.of("id", NO_SUCH_ID), null, 404);
        for (String prefix : List.of("/api/laml/2010-04-01", "/2010-04-01")) {
            String calls = prefix + "/Accounts/{AccountSid}/Calls";
            Map<String, String> account = Map.of("AccountSid", project);
            w.call("GET", calls, account, null, 200);
            w.call("GET", calls + ".json?PageSize=1", account, null, 200, false, calls + ".json");
            w.call("GET", calls + ".json?PageSize=0", account, null, 400, false, calls + ".json");
            w.call("GET", calls, Map.of("AccountSid", NO_SUCH_ID), null, 404);
            w.call("GET", calls + ".json", Map.of("AccountSid", project), null, 401, true);
            w.call("GET", calls + "/{CallSid}", Map.of("AccountSid", project, "CallSid", call + ".json"), null, 200);
            w.call("GET", calls + "/{CallSid}", Map.of("AccountSid", project, "CallSid", NO_SUCH_ID), null, 404);
        }

        // recordings, stored through the server's service as the call engine will
        var recordings = server.server().recordings();
        String kept = recordings.store(project, call, RecordingApiTest.wav(8000, 200), 0, 8000).sid();
        String dropped = recordings.store(project, call, RecordingApiTest.wav(8000, 200), 0, 8000).sid();
        for (String prefix : List.of("/api/laml/2010-04-01", "/2010-04-01")) {
            String list = prefix + "/Accounts/{AccountSid}/Recordings";
            String ofCall = prefix + "/Accounts/{AccountSid}/Calls/{CallSid}/Recordings";
            String one = list + "/{RecordingSid}";
            Map<String, String> account = Map.of("AccountSid", project);
            Map<String, String> withCall = Map.of("AccountSid", project, "CallSid", call);
            w.call("GET", list, account, null, 200);
            w.call("GET", list + ".json?PageSize=1", account, null, 200, false, list + ".json");
            w.call("GET", list + ".json?DateCreated=never", account, null, 400, false, list + ".json");
            w.call("GET", list, Map.of("AccountSid", NO_SUCH_ID), null, 404);
            w.call("GET", list + ".json", account, null, 401, true);
            w.call("GET", ofCall, withCall, null, 200);
            w.call("GET", ofCall + ".json", withCall, null, 200);
            w.call("GET", one, Map.of("AccountSid", project, "RecordingSid", kept + ".json"), null, 200);
            w.call("GET", one, Map.of("AccountSid", project, "RecordingSid", kept), null, 200);
            w.call("GET", one, Map.of("AccountSid", project, "RecordingSid", kept + ".wav"), null, 200);
            w.call("GET", one, Map.of("AccountSid", project, "RecordingSid", NO_SUCH_ID + ".json"), null, 404);
            w.call("GET", one, Map.of("AccountSid", project, "RecordingSid", kept), null, 401, true);
            w.call("DELETE", one, Map.of("AccountSid", project, "RecordingSid", NO_SUCH_ID), null, 404);
            String oneOfCall = ofCall + "/{RecordingSid}";
            w.call("GET", oneOfCall, Map.of("AccountSid", project, "CallSid", call, "RecordingSid", kept + ".json"),
                    null, 200);
            w.call("GET", oneOfCall, Map.of("AccountSid", project, "CallSid", call, "RecordingSid", kept), null, 200);
            w.call("GET", oneOfCall, Map.of("AccountSid", project, "CallSid", NO_SUCH_ID, "RecordingSid", kept),
                    null, 404);
            w.call("DELETE", oneOfCall, Map.of("AccountSid", project, "CallSid", NO_SUCH_ID, "RecordingSid", kept),
                    null, 404);
        }
        w.call("DELETE", "/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{RecordingSid}",
                Map.of("AccountSid", project, "CallSid", call,
                        "RecordingSid", recordings.store(project, call, RecordingApiTest.wav(8000, 100), 0, 8000).sid()),
                null, 204);
        w.call("DELETE", "/api/laml/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings/{RecordingSid}",
                Map.of("AccountSid", project, "CallSid", call, "RecordingSid", recordings.store(project, call,
                        RecordingApiTest.wav(8000, 100), 0, 8000).sid() + ".json"), null, 204);
        w.call("DELETE", "/api/laml/2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}",
                Map.of("AccountSid", project, "RecordingSid", dropped + ".json"), null, 204);
        w.call("DELETE", "/2010-04-01/Accounts/{AccountSid}/Recordings/{RecordingSid}",
                Map.of("AccountSid", project, "RecordingSid", kept), null, 204);

        // SIP endpoints, both paths
        String fabric = "/api/fabric/resources/sip_endpoints";
        String legacy = "/api/relay/rest/endpoints/sip";
        JsonNode generated = w.call("POST", fabric, Map.of(), Map.of("username", "alice"), 201);
        assertThat(generated.has("password")).isTrue();
        String alice = generated.get("id").asText();
        String bob = w.call("POST", legacy, Map.of(), Map.of("username", "bob", "password", "Tr1cky-Horse-Battery-9",
                "call_handler", "laml_webhooks", "call_request_url", "https://app.example.com/voice"), 201)
                .get("id").asText();
        w.call("POST", fabric, Map.of(), Map.of("username", "x y", "calller_id", "typo"), 422);
        w.raw("POST", fabric, "application/json", "{\"username\":", 400);
        w.raw("POST", fabric, "text/plain", "username=carol", 415);
        w.raw("POST", fabric, "application/json", "{\"username\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}", 413);
        w.anonymous("GET", fabric, 401);
        w.call("GET", fabric, Map.of(), null, 200);
        w.call("GET", fabric + "?filter_username=ali&page_size=1", Map.of(), null, 200, false, fabric);
        w.call("GET", fabric + "?page_token=PAforged", Map.of(), null, 422, false, fabric);
        w.call("GET", legacy + "?filter_caller_id=x", Map.of(), null, 200, false, legacy);
        w.call("GET", fabric + "/{id}", Map.of("id", alice), null, 200);
        w.call("GET", fabric + "/{id}", Map.of("id", "forged"), null, 404);
        w.call("GET", legacy + "/{id}", Map.of("id", bob), null, 200);
        w.call("PUT", fabric + "/{id}", Map.of("id", alice), Map.of("caller_id", "Alice"), 200);
        w.call("PATCH", fabric + "/{id}", Map.of("id", alice), Map.of("codecs", List.of("PCMU")), 200);
        w.call("PATCH", fabric + "/{id}", Map.of("id", alice), Map.of("encryption", "sometimes"), 422);
        w.call("PUT", legacy + "/{id}", Map.of("id", bob), Map.of("call_request_method", "GET"), 200);
        w.call("GET", fabric + "/{id}/addresses", Map.of("id", alice), null, 200);
        w.call("GET", fabric + "/{id}/registrations", Map.of("id", alice), null, 200);
        w.call("GET", fabric + "/{id}/registrations", Map.of("id", NO_SUCH_ID), null, 404);

        // SIP bans (the guard's own tests fill them; here the shapes)
        w.call("GET", "/api/relay/rest/sip_bans", Map.of(), null, 200);
        w.call("DELETE", "/api/relay/rest/sip_bans/{address}", Map.of("address", "192.0.2.1"), null, 404);

        // the four collections
        Map<String, String> ids = new HashMap<>();
        for (String c : ResourceSamples.COLLECTIONS) {
            String base = "/api/fabric/resources/" + c;
            String id = w.call("POST", base, Map.of(), ResourceSamples.body(c), 201).get("id").asText();
            ids.put(c, id);
            w.call("POST", base, Map.of(), Map.of("unknown", 1), 422);
            w.raw("POST", base, "application/json", "[]", 400);
            w.call("GET", base, Map.of(), null, 200);
            w.call("GET", base + "/{id}", Map.of("id", id), null, 200);
            w.call("GET", base + "/{id}", Map.of("id", NO_SUCH_ID), null, 404);
            String nameField = c.equals("cxml_applications") ? "friendly_name" : "name";
            w.call("PUT", base + "/{id}", Map.of("id", id), Map.of(nameField, "Renamed"), 200);
            w.call("PATCH", base + "/{id}", Map.of("id", id), Map.of(nameField, "Renamed again"), 200);
            w.call("PATCH", base + "/{id}", Map.of("id", id), Map.of(nameField, ""), 422);
            w.call("GET", base + "/{id}/addresses", Map.of("id", id), null, 200);
        }
        Map<String, Object> app = new HashMap<>(ResourceSamples.body("cxml_applications"));
        app.put("sms_url", "https://app.example.com/sms");
        app.put("status_callback_method", "GET");
        w.call("POST", "/api/fabric/resources/cxml_applications", Map.of(), app, 201);
        Map<String, Object> gateway = new HashMap<>(ResourceSamples.body("sip_gateways"));
        gateway.put("codecs", List.of("PCMA"));
        gateway.put("encryption", "required");
        gateway.put("username", "trunk-user");
        gateway.put("password", "carrier secret");
        w.call("POST", "/api/fabric/resources/sip_gateways", Map.of(), gateway, 201);

        // the generic view and handler assignment
        w.call("GET", "/api/fabric/resources", Map.of(), null, 200);
        w.call("GET", "/api/fabric/resources?type=sip_endpoint&page_size=1", Map.of(), null, 200, false,
                "/api/fabric/resources");
        w.call("GET", "/api/fabric/resources?type=bogus", Map.of(), null, 422, false, "/api/fabric/resources");
        w.call("GET", "/api/fabric/resources/{id}", Map.of("id", alice), null, 200);
        w.call("GET", "/api/fabric/resources/{id}", Map.of("id", ids.get("sip_gateways")), null, 200);
        w.call("POST", "/api/fabric/resources/{id}/sip_endpoints", Map.of("id", ids.get("cxml_webhooks")),
                Map.of("sip_endpoint_id", alice), 200);
        w.call("POST", "/api/fabric/resources/{id}/sip_endpoints", Map.of("id", NO_SUCH_ID),
                Map.of("sip_endpoint_id", alice), 404);
        w.call("POST", "/api/fabric/resources/{id}/sip_endpoints", Map.of("id", ids.get("sip_gateways")),
                Map.of(), 422);
        w.call("DELETE", "/api/fabric/resources/{id}", Map.of("id", ids.get("cxml_webhooks")), null, 422);
        w.call("DELETE", "/api/fabric/resources/cxml_webhooks/{id}", Map.of("id", ids.get("cxml_webhooks")), null,
                422);
        w.call("PATCH", fabric + "/{id}", Map.of("id", alice), Map.of("call_handler", "passthrough"), 200);
        for (String c : ResourceSamples.COLLECTIONS) {
            w.call("DELETE", "/api/fabric/resources/" + c + "/{id}", Map.of("id", ids.get(c)), null, 204);
            w.call("DELETE", "/api/fabric/resources/" + c + "/{id}", Map.of("id", ids.get(c)), null, 404);
        }
        w.call("DELETE", "/api/fabric/resources/{id}", Map.of("id", bob), null, 204);
        w.call("DELETE", "/api/fabric/resources/{id}", Map.of("id", bob), null, 404);
        w.call("DELETE", legacy + "/{id}", Map.of("id", NO_SUCH_ID), null, 404);
        w.call("DELETE", fabric + "/{id}", Map.of("id", alice), null, 204);
        String carol = w.call("POST", fabric, Map.of(), Map.of("username", "carol"), 201).get("id").asText();
        w.call("DELETE", legacy + "/{id}", Map.of("id", carol), null, 204);
        w.call("DELETE", "/api/relay/rest/phone_numbers/{id}", Map.of("id", number), null, 422);
        Map<String, Object> random = new HashMap<>();
        random.put("default_send_as", null);
        w.call("PUT", "/api/relay/rest/sip_profile", Map.of(), random, 200);
        w.call("DELETE", "/api/relay/rest/phone_numbers/{id}", Map.of("id", number), null, 204);

        assertThat(w.problems).as("exchanges that do not match the document").isEmpty();
        Set<String> missed = new TreeSet<>(doc.operations());
        missed.removeAll(w.exercised);
        assertThat(missed).as("documented operations the walk never called").isEmpty();
    }

    /** Sends requests, checks each exchange against the document, and remembers which operations ran. */
    private final class Walk {
        final ApiClient api;
        final ApiClient anonymous;
        final List<String> problems = new ArrayList<>();
        final Set<String> exercised = new TreeSet<>();

        Walk(ApiClient api, ApiClient anonymous) {
            this.api = api;
            this.anonymous = anonymous;
        }

        JsonNode call(String method, String template, Map<String, String> params, Object body, int expected) {
            return call(method, template, params, body, expected, false);
        }

        JsonNode call(String method, String template, Map<String, String> params, Object body, int expected,
                      boolean anon) {
            return call(method, template, params, body, expected, anon, template);
        }

        /** {@code documented} is the template without the query string, when {@code template} carries one. */
        JsonNode call(String method, String template, Map<String, String> params, Object body, int expected,
                      boolean anon, String documented) {
            String path = template;
            for (var p : params.entrySet()) {
                path = path.replace("{" + p.getKey() + "}", p.getValue());
            }
            String json = body == null ? null : ApiClient.json(body);
            ApiClient client = anon ? anonymous : api;
            HttpResult r = client.send(method, path, json == null ? null : "application/json", json);
            check(method, documented, json == null ? null : "application/json", json, r, expected);
            return r.json();
        }

        void raw(String method, String template, String contentType, String body, int expected) {
            HttpResult r = api.send(method, template, contentType, body);
            check(method, template, contentType, body, r, expected);
        }

        void anonymous(String method, String template, int expected) {
            HttpResult r = anonymous.send(method, template, null, null);
            check(method, template, null, null, r, expected);
        }

        private void check(String method, String template, String contentType, String body, HttpResult r,
                           int expected) {
            assertThat(r.status()).as("%s %s: %s", method, template, r).isEqualTo(expected);
            problems.addAll(doc.problems(method, template, contentType, body, r));
            exercised.add(method + " " + template);
        }
    }
}
