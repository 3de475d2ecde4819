package dev.sipyard.routing.swml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sipyard.routing.UnusableDocument;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed SWML document: its sections, each a list of steps; {@code main} always exists. */
record SwmlDocument(Map<String, ArrayNode> sections) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Parses JSON, or YAML when the body is not JSON. */
    static SwmlDocument parse(String body) throws UnusableDocument {
        if (body == null || body.isBlank()) {
            throw new UnusableDocument("empty document");
        }
        JsonNode root = tree(body);
        if (root == null || !root.isObject()) {
            throw new UnusableDocument("not a SWML document (not an object)");
        }
        JsonNode version = root.get("version");
        if (version != null && version.isContainerNode()) {
            throw new UnusableDocument("not a SWML document (version is not a value)");
        }
        JsonNode sections = root.get("sections");
        if (sections == null || !sections.isObject() || !(sections.get("main") instanceof ArrayNode)) {
            throw new UnusableDocument("not a SWML document (no sections.main list)");
        }
        Map<String, ArrayNode> byName = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = sections.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> section = it.next();
            if (!(section.getValue() instanceof ArrayNode steps)) {
                throw new UnusableDocument("not a SWML document (section " + safe(section.getKey()) + " is not a list)");
            }
            byName.put(section.getKey(), steps);
        }
        return new SwmlDocument(Map.copyOf(byName));
    }

    ArrayNode main() {
        return sections.get("main");
    }

    private static JsonNode tree(String body) throws UnusableDocument {
        try {
            return JSON.readTree(body);
        } catch (JacksonException notJson) {
            try {
                return YAML.readTree(body);
            } catch (JacksonException | RuntimeException notYaml) {
                throw new UnusableDocument("neither JSON nor YAML");
            }
        }
    }

    /** A name from the document, shortened and printable, for a Reason. */
    static String safe(String name) {
        String printable = name.codePoints().filter(c -> !Character.isISOControl(c)).limit(64)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() < name.length() ? printable + "..." : printable;
    }
}
