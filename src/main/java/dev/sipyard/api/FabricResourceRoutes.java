package dev.sipyard.api;

import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.endpoint.EndpointService;
import dev.sipyard.endpoint.SipEndpoint;
import dev.sipyard.resource.ResourceService;
import dev.sipyard.resource.ResourceSummary;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The generic view of every resource of a project, SIP endpoints included: list, get and
 * delete by id, and assigning a resource as an endpoint's call handler. Registered after the
 * collections, whose fixed paths must win over {id}.
 */
final class FabricResourceRoutes {
    static final String PATH = "/api/fabric/resources";

    private final ResourceService resources;
    private final EndpointService endpoints;
    private final Requests requests;

    FabricResourceRoutes(ResourceService resources, EndpointService endpoints, Requests requests) {
        this.resources = resources;
        this.endpoints = endpoints;
        this.requests = requests;
    }

    void register(Router r) {
        r.get(PATH, this::list);
        r.get(PATH + "/{id}", this::get);
        r.delete(PATH + "/{id}", this::delete);
        r.post(PATH + "/{id}/sip_endpoints", (ctx, p) -> ctx.json(EndpointJson.of(
                endpoints.assignCallHandler(p, ctx.pathParam("id"), requests.jsonBody(ctx)))));
    }

    private void list(Context ctx, String projectId) {
        String scope = projectId + ":resources";
        PageRequest page = requests.page(ctx, scope);
        String type = ctx.queryParam("type");
        Page<ResourceSummary> result = resources.catalog(projectId, page, type == null || type.isBlank() ? null : type);
        List<String> endpointIds = result.items().stream().filter(ResourceSummary::isSipEndpoint)
                .map(ResourceSummary::id).toList();
        Map<String, SipEndpoint> byId = endpoints.getAll(projectId, endpointIds).stream()
                .collect(Collectors.toMap(SipEndpoint::id, Function.identity()));
        // An endpoint deleted between the two reads is left out.
        Page<ResourceSummary> present = new Page<>(result.items().stream()
                .filter(s -> !s.isSipEndpoint() || byId.containsKey(s.id())).toList(), result.hasNext(),
                result.hasPrev());
        requests.list(ctx, scope, present, ResourceSummary::id, s -> ResourceJson.of(s, byId.get(s.id())), page);
    }

    private void get(Context ctx, String projectId) {
        ResourceSummary s = resources.summary(projectId, ctx.pathParam("id"));
        SipEndpoint endpoint = s.isSipEndpoint() ? endpoints.get(projectId, s.id()) : null;
        ctx.json(ResourceJson.of(s, endpoint));
    }

    private void delete(Context ctx, String projectId) {
        ResourceSummary s = resources.summary(projectId, ctx.pathParam("id"));
        if (s.isSipEndpoint()) {
            endpoints.delete(projectId, s.id());
        } else {
            resources.delete(projectId, null, s.id());
        }
        ctx.status(204);
    }
}
