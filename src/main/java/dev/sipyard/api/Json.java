package dev.sipyard.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.lang.reflect.Type;
import java.util.Map;

/** The one JSON configuration: strict on input (duplicate keys, trailing data), plain maps on output. */
final class Json implements io.javalin.json.JsonMapper {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    /** Parses a request body that must be one JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(byte[] body) {
        if (body.length == 0) {
            throw Errors.invalidJson("The request body is empty; send a JSON object.");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw Errors.invalidJson("Malformed JSON" + where + ": " + e.getOriginalMessage().split("\n")[0]);
        } catch (java.io.IOException e) {
            throw Errors.invalidJson("Unreadable body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            String kind = node == null ? "nothing" : node.getNodeType().name().toLowerCase();
            throw Errors.invalidJson("The request body must be a JSON object, not " + kind + ".");
        }
        return MAPPER.convertValue(node, Map.class);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Answers {@code value} as JSON, as {@code ctx.json} does, but encoded by Jackson straight to
     * UTF-8 bytes: for large bodies (lists) the String in between and its re-encoding cost more
     * than the writing itself.
     */
    static void respond(Context ctx, Object value) {
        try {
            ctx.contentType(ContentType.APPLICATION_JSON).result(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return write(obj);
    }
}
