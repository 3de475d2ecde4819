package dev.sipyard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sipyard.config.SettingsLoader;
import dev.sipyard.project.NewProject;
import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.Backend;
import dev.sipyard.testing.CallRows;
import dev.sipyard.testing.HttpResult;
import dev.sipyard.testing.TestServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every list the API answers writes its links on the public base: {@code SIPYARD_PUBLIC_URL}
 * (path prefix kept) when set, else the request's own scheme and host. The routes are taken from
 * the running server, so a list route added later is checked too (and must be named below).
 */
class PublicLinksTest {
    private static final String PUBLIC = "https://voice.example.com/base";
    /** Every GET route that answers a list with links. */
    private static final List<String> LIST_ROUTES = List.of(
            "/api/fabric/resources",
            "/api/fabric/resources/sip_endpoints",
            "/api/fabric/resources/sip_endpoints/{id}/addresses",
            "/api/fabric/resources/sip_endpoints/{id}/registrations",
            "/api/fabric/resources/cxml_webhooks",
            "/api/fabric/resources/cxml_webhooks/{id}/addresses",
            "/api/fabric/resources/swml_webhooks",
            "/api/fabric/resources/swml_webhooks/{id}/addresses",
            "/api/fabric/resources/cxml_applications",
            "/api/fabric/resources/cxml_applications/{id}/addresses",
            "/api/fabric/resources/sip_gateways",
            "/api/fabric/resources/sip_gateways/{id}/addresses",
            "/api/relay/rest/endpoints/sip",
            "/api/relay/rest/phone_numbers",
            "/api/relay/rest/sip_bans",
            "/api/voice/logs",
            "/api/voice/logs/{id}/events");

    @ParameterizedTest
    @EnumSource(Backend.class)
    void withPublicUrlEveryListLinksThroughItsPrefix(Backend backend) {
        try (TestServer server = TestServer.start(backend, Map.of(SettingsLoader.PUBLIC_URL, PUBLIC + "/"))) {
            assertThat(linkedRoutes(server, PUBLIC)).containsExactlyInAnyOrderElementsOf(LIST_ROUTES);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void withoutPublicUrlLinksNameTheHostTheRequestWasSentTo(Backend backend) {
        try (TestServer server = TestServer.start(backend, Map.of())) {
            assertThat(linkedRoutes(server, server.baseUrl())).containsExactlyInAnyOrderElementsOf(LIST_ROUTES);
        }
    }

    /**
     * Seeds two rows of every kind, GETs every parameterless-or-seeded GET route with page_size=1,
     * checks the links of each list, follows next then prev, and returns the routes that had links.
     */
    private static List<String> linkedRoutes(TestServer server, String base) {
        NewProject p = server.createProject("links");
        ApiClient api = new ApiClient(server.baseUrl(), p.project().id(), p.token());
        Map<String, String> ids = seed(server, api, p.project().id());
        List<String> linked = new ArrayList<>();
        for (String route : server.server().apiRoutes()) {
            if (!route.startsWith("GET ")) {
                continue;
            }
            String template = route.substring(4);
            String path = fill(template, ids);
            if (path == null) {
                continue;
            }
            HttpResult r = api.get(path + "?page_size=1");
            assertThat(r.status()).as(path).isEqualTo(200);
            JsonNode links = r.json() == null ? null : r.json().get("links");
            if (links == null) {
                continue;
            }
            linked.add(template);
            assertThat(links.get("self").asText()).as(path).isEqualTo(base + path + "?page_size=1");
            links.forEach(l -> assertThat(l.asText()).as(path).startsWith(base + path + "?"));
            if (links.has("next")) {
                HttpResult next = api.get(relative(links.get("next").asText(), base));
                assertThat(next.status()).as(path).isEqualTo(200);
                JsonNode nextLinks = next.json().get("links");
                assertThat(nextLinks.get("prev").asText()).as(path).startsWith(base + path + "?");
                assertThat(api.get(relative(nextLinks.get("prev").asText(), base)).status()).isEqualTo(200);
            }
        }
        return linked;
    }

    /** A link's path and query, to send to the test server itself (the public host does not exist here). */
    private static String relative(String link, String base) {
        assertThat(link).startsWith(base);
        return link.substring(base.length());
    }

    /** The route with its parameters replaced by seeded ids; null when a parameter has no seeded value. */
    private static String fill(String template, Map<String, String> ids) {
        String path = template;
        for (String segment : template.split("/")) {
            if (segment.startsWith("{")) {
                String key = template.substring(0, template.indexOf(segment)) + segment;
                String id = ids.get(key);
                if (id == null) {
                    return null;
                }
                path = path.replace(segment, id);
            }
        }
        return path.contains("{") ? null : path;
    }

    /** Two rows in every list; the ids to put into each route's first parameter, keyed by the template up to it. */
    private static Map<String, String> seed(TestServer server, ApiClient api, String projectId) {
        Map<String, String> ids = new HashMap<>();
        for (String name : List.of("alice", "bob")) {
            HttpResult r = api.post("/api/fabric/resources/sip_endpoints", Map.of("username", name,
                    "password", "Str0ng-Secret-" + name.length() + "-42"));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.put("/api/fabric/resources/sip_endpoints/{id}", r.json().get("id").asText());
        }
        for (String collection : ResourceSamples.COLLECTIONS) {
            for (int i = 0; i < 2; i++) {
                HttpResult r = api.post("/api/fabric/resources/" + collection, ResourceSamples.body(collection));
                assertThat(r.status()).as(r.toString()).isEqualTo(201);
                ids.put("/api/fabric/resources/" + collection + "/{id}", r.json().get("id").asText());
            }
        }
        for (String number : List.of("+15551230001", "+15551230002")) {
            assertThat(api.post("/api/relay/rest/phone_numbers", Map.of("number", number)).status()).isEqualTo(201);
        }
        CallRows calls = new CallRows(server);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 2; i++) {
            ids.put("/api/voice/logs/{id}", calls.insert(new CallRows.Call(projectId, null, "sip:alice@x",
                    "sip:bob@x", "completed", now - 60_000 + i, now, 200)));
        }
        return ids;
    }
}
