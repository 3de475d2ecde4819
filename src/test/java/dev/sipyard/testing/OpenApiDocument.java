package dev.sipyard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's OpenAPI 3.1 document, used to check real exchanges: is the operation documented,
 * is the status one of its responses, do the request and response bodies validate against
 * their JSON Schemas (2020-12, with the document's components for $ref).
 */
public final class OpenApiDocument {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    public OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    public JsonNode json() {
        return document;
    }

    /** Every documented operation, as "METHOD /path/{param}". */
    public Set<String> operations() {
        Set<String> ops = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                ops.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return ops;
    }

    /** What is wrong with this exchange according to the document (empty when it matches). */
    public List<String> problems(String method, String template, String requestContentType, String requestBody,
                                 HttpResult response) {
        List<String> problems = new ArrayList<>();
        String where = method + " " + template + " -> " + response.status();
        JsonNode op = document.path("paths").path(template).path(method.toLowerCase(Locale.ROOT));
        if (op.isMissingNode()) {
            problems.add(where + ": operation not documented");
            return problems;
        }
        boolean success = response.status() / 100 == 2;
        JsonNode requestSchema = resolve(op.path("requestBody")).path("content").path("application/json")
                .path("schema");
        if (success && requestBody != null && "application/json".equals(requestContentType)) {
            if (op.path("requestBody").isMissingNode()) {
                problems.add(where + ": the operation takes no body, but this one succeeded with one");
            } else if (!requestSchema.isMissingNode()) {
                validate(problems, where + " request", resolve(requestSchema), parse(requestBody));
            }
        }
        JsonNode documented = op.path("responses").path(Integer.toString(response.status()));
        if (documented.isMissingNode()) {
            problems.add(where + ": status not documented");
            return problems;
        }
        documented = resolve(documented);
        String body = response.body() == null ? "" : response.body();
        JsonNode content = documented.path("content");
        if (content.isMissingNode()) {
            if (!body.isEmpty()) {
                problems.add(where + ": documented without a body, but has one: " + abbreviate(body));
            }
            return problems;
        }
        String type = response.header("Content-Type");
        String mime = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.path(mime);
        if (media.isMissingNode()) {
            problems.add(where + ": content type " + mime + " not documented");
            return problems;
        }
        if (mime.equals("application/json") && media.has("schema")) {
            validate(problems, where + " response", media.get("schema"), parse(body));
        }
        return problems;
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref") && !node.get("$ref").asText().startsWith("#/components/schemas/")) {
            String[] parts = node.get("$ref").asText().split("/");
            node = document.path("components").path(parts[2]).path(parts[3]);
        }
        return node;
    }

    private void validate(List<String> problems, String where, JsonNode schema, JsonNode instance) {
        if (instance == null) {
            problems.add(where + ": body is not JSON");
            return;
        }
        JsonSchema compiledSchema = compiled.computeIfAbsent(schema.toString(), k -> {
            ObjectNode root = MAPPER.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.putArray("allOf").add(schema);
            root.set("components", document.get("components"));
            return factory.getSchema(root);
        });
        Set<ValidationMessage> errors = compiledSchema.validate(instance);
        for (ValidationMessage e : errors) {
            problems.add(where + ": " + e.getMessage() + " in " + abbreviate(instance.toString()));
        }
    }

    private static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
