package dev.sipyard.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Errors of the Compatibility (cXML/LaML) API in Twilio's shape, which its clients parse:
 * {@code {"code": 20404, "message": "...", "more_info": "...", "status": 404}}.
 */
final class CompatibilityErrors {
    static final int BAD_PARAMETER = 20001;
    static final int UNAUTHORIZED = 20003;
    static final int METHOD_NOT_ALLOWED = 20004;
    static final int NOT_FOUND = 20404;
    static final int TOO_MANY_REQUESTS = 20429;
    static final int INTERNAL = 20500;

    private CompatibilityErrors() {}

    static ApiError of(int status, int code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("more_info", Errors.DOCS + "#compatibility-api-errors");
        body.put("status", status);
        return new ApiError(status, body);
    }

    static ApiError notFound() {
        return of(404, NOT_FOUND, "The requested resource was not found");
    }

    static ApiError badParameter(String message) {
        return of(400, BAD_PARAMETER, message);
    }

    /** The same refusal in this API's shape: 401, 429 and the like keep their status. */
    static ApiError translate(ApiError e) {
        return switch (e.status) {
            case 401 -> of(401, UNAUTHORIZED, "Authentication Error - invalid username or token");
            case 404 -> notFound();
            case 429 -> of(429, TOO_MANY_REQUESTS, "Too Many Requests");
            default -> of(e.status, BAD_PARAMETER, e.body instanceof Map<?, ?> m && m.get("error") != null
                    ? String.valueOf(m.get("error")) : "The request could not be served");
        };
    }
}
