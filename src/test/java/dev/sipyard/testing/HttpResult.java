package dev.sipyard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;

/** A response as a test sees it: status, headers, raw body and the body parsed as JSON (null if it is not JSON). */
public record HttpResult(int status, HttpHeaders headers, String body) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public JsonNode json() {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The codes of a 422/400 error body, in order. */
    public java.util.List<String> errorCodes() {
        return errorField("code");
    }

    /** The attributes named by a 422 error body, in order. */
    public java.util.List<String> errorAttributes() {
        return errorField("attribute");
    }

    private java.util.List<String> errorField(String name) {
        JsonNode j = json();
        java.util.List<String> out = new java.util.ArrayList<>();
        if (j != null && j.has("errors")) {
            j.get("errors").forEach(e -> out.add(e.get(name).asText()));
        }
        return out;
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
