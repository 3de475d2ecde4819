package dev.sipyard.api;

import dev.sipyard.common.Times;
import dev.sipyard.endpoint.SipEndpoint;
import dev.sipyard.resource.Resource;
import dev.sipyard.resource.ResourceSummary;
import dev.sipyard.resource.ResourceType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The resource envelope {id, project_id, display_name, type, created_at, updated_at, <type>: {...}},
 * used by the collections and by the generic view alike.
 */
final class ResourceJson {
    private ResourceJson() {}

    static Map<String, Object> of(Resource r) {
        return envelope(r.id(), r.projectId(), r.displayName(), r.type().wireName(), r.createdAt(), r.updatedAt(),
                inner(r));
    }

    static Map<String, Object> of(ResourceSummary s, SipEndpoint endpoint) {
        Map<String, Object> inner = s.isSipEndpoint() ? EndpointJson.of(endpoint) : inner(s.resource());
        return envelope(s.id(), s.projectId(), s.displayName(), s.type(), s.createdAt(), s.updatedAt(), inner);
    }

    private static Map<String, Object> inner(Resource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        if (r.type() == ResourceType.CXML_APPLICATION) {
            m.put("project_id", r.projectId());
        }
        m.putAll(r.attributes());
        return m;
    }

    private static Map<String, Object> envelope(String id, String projectId, String displayName, String type,
                                                long createdAt, long updatedAt, Map<String, Object> inner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("project_id", projectId);
        m.put("display_name", displayName);
        m.put("type", type);
        m.put("created_at", Times.iso(createdAt));
        m.put("updated_at", Times.iso(updatedAt));
        m.put(type, inner);
        return m;
    }
}
