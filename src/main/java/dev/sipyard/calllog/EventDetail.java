package dev.sipyard.calllog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON {@code detail} of a call event: small and free of secrets. Entries whose name suggests
 * a secret are dropped, long strings are cut, and a detail that is still too large is replaced
 * by a note saying so.
 */
final class EventDetail {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_STRING = 512;
    static final int MAX_JSON = 4096;
    private static final List<String> SECRET_WORDS =
            List.of("password", "secret", "token", "signature", "authorization", "signing", "key", "ha1");

    private EventDetail() {}

    static String toJson(Map<String, ?> detail) {
        Object clean = clean(detail == null ? Map.of() : detail, 0);
        try {
            String json = JSON.writeValueAsString(clean);
            if (json.length() <= MAX_JSON) {
                return json;
            }
            return JSON.writeValueAsString(Map.of("truncated", true, "size", json.length()));
        } catch (JsonProcessingException e) {
            return "{\"unreadable\":true}";
        }
    }

    private static Object clean(Object value, int depth) {
        if (depth > 4) {
            return "…";
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String name = String.valueOf(k);
                if (!looksSecret(name)) {
                    out.put(name, clean(v, depth + 1));
                }
            });
            return out;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().limit(50).map(v -> clean(v, depth + 1)).toList();
        }
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String s = value.toString();
        return s.length() <= MAX_STRING ? s : s.substring(0, MAX_STRING) + "…";
    }

    private static boolean looksSecret(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(n::contains);
    }
}
