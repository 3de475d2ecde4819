package dev.sipyard.api;

import dev.sipyard.testing.ApiClient;
import dev.sipyard.testing.HttpResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Valid bodies for each resource collection, and helpers to create resources and endpoints over HTTP. */
final class ResourceSamples {
    static final List<String> COLLECTIONS = List.of("cxml_webhooks", "swml_webhooks", "cxml_applications",
            "sip_gateways");
    private static int counter;

    private ResourceSamples() {}

    static Map<String, Object> body(String collection) {
        Map<String, Object> m = new HashMap<>();
        switch (collection) {
            case "cxml_webhooks", "swml_webhooks" -> {
                m.put("name", "Front desk " + (++counter));
                m.put("primary_request_url", "https://app.example.com/voice");
            }
            case "cxml_applications" -> {
                m.put("friendly_name", "Reception " + (++counter));
                m.put("voice_url", "https://app.example.com/voice");
            }
            case "sip_gateways" -> {
                m.put("name", "Carrier " + (++counter));
                m.put("uri", "sip:trunk@carrier.example.com:5060");
            }
            default -> throw new IllegalArgumentException(collection);
        }
        return m;
    }

    static String typeOf(String collection) {
        return collection.substring(0, collection.length() - 1);
    }

    /** Creates a resource and returns its id (fails the test unless 201). */
    static String create(ApiClient api, String collection) {
        return create(api, collection, body(collection));
    }

    static String create(ApiClient api, String collection, Map<String, Object> body) {
        HttpResult r = api.post("/api/fabric/resources/" + collection, body);
        if (r.status() != 201) {
            throw new AssertionError("creating " + collection + ": " + r);
        }
        return r.json().get("id").asText();
    }

    static String endpoint(ApiClient api, String username) {
        HttpResult r = api.post("/api/fabric/resources/sip_endpoints",
                Map.of("username", username, "password", "Tr1cky-Horse-Battery-9"));
        if (r.status() != 201) {
            throw new AssertionError("creating endpoint " + username + ": " + r);
        }
        return r.json().get("id").asText();
    }

    static Map<String, Object> handler(String resourceId) {
        return Map.of("call_handler", "resource", "calling_handler_resource_id", resourceId);
    }
}
