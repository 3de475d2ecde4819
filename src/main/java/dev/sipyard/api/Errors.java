package dev.sipyard.api;

import dev.sipyard.common.Violation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The error bodies of the contract (API.md, "Errors"). */
final class Errors {
    static final String DOCS = "https://github.com/sipyard/sipyard/blob/main/docs/errors.md";

    private Errors() {}

    static Map<String, Object> simple(String message) {
        return Map.of("error", message);
    }

    /** Seconds a client is asked to wait (Retry-After) when the database is unreachable. */
    static final int RETRY_AFTER_SECONDS = 5;

    /** The body of a 503 while the database is unreachable. */
    static Map<String, Object> databaseUnavailable() {
        return simple("Service Unavailable: the database cannot be reached; retry later");
    }

    static ApiError unauthorized() {
        return new ApiError(401, simple("Unauthorized"));
    }

    static ApiError notFound() {
        return new ApiError(404, simple("Not Found"));
    }

    static ApiError tooLarge(int max) {
        return new ApiError(413, simple("Payload Too Large: the body must be at most " + max + " bytes"));
    }

    static ApiError unsupportedMediaType() {
        return new ApiError(415, simple("Unsupported Media Type: send Content-Type: application/json"));
    }

    static ApiError invalidJson(String message) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "invalid_request");
        e.put("code", "invalid_json");
        e.put("message", message);
        e.put("attribute", null);
        e.put("url", DOCS + "#invalid_json");
        return new ApiError(400, Map.of("errors", List.of(e)));
    }

    static Map<String, Object> validation(List<Violation> violations) {
        return Map.of("errors", violations.stream().map(v -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", "validation_error");
            e.put("code", v.code());
            e.put("message", v.message());
            e.put("attribute", v.attribute());
            e.put("url", DOCS + "#" + v.code());
            return e;
        }).toList());
    }
}
