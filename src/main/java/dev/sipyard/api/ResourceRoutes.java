package dev.sipyard.api;

import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.resource.Resource;
import dev.sipyard.resource.ResourceService;
import dev.sipyard.resource.ResourceType;
import io.javalin.http.Context;
import java.util.List;

/** One collection per resource type under /api/fabric/resources/<collection>: create, list, get, update, delete, addresses. */
final class ResourceRoutes {
    static final String BASE = "/api/fabric/resources/";

    private final ResourceService resources;
    private final Requests requests;

    ResourceRoutes(ResourceService resources, Requests requests) {
        this.resources = resources;
        this.requests = requests;
    }

    void register(Router r) {
        for (ResourceType type : ResourceType.values()) {
            String base = BASE + type.collection();
            r.post(base, (ctx, p) -> ctx.status(201).json(ResourceJson.of(resources.create(p, type,
                    requests.jsonBody(ctx)))));
            r.get(base, (ctx, p) -> list(ctx, p, type));
            r.get(base + "/{id}", (ctx, p) -> ctx.json(ResourceJson.of(resources.get(p, type, ctx.pathParam("id")))));
            r.put(base + "/{id}", (ctx, p) -> update(ctx, p, type));
            r.patch(base + "/{id}", (ctx, p) -> update(ctx, p, type));
            r.delete(base + "/{id}", (ctx, p) -> {
                resources.delete(p, type, ctx.pathParam("id"));
                ctx.status(204);
            });
            r.get(base + "/{id}/addresses", (ctx, p) -> addresses(ctx, p, type));
        }
    }

    private void list(Context ctx, String projectId, ResourceType type) {
        String scope = projectId + ":" + type.collection();
        PageRequest page = requests.page(ctx, scope);
        Page<Resource> result = resources.list(projectId, type, page);
        requests.list(ctx, scope, result, Resource::id, ResourceJson::of, page);
    }

    private void update(Context ctx, String projectId, ResourceType type) {
        String id = ctx.pathParam("id");
        resources.get(projectId, type, id); // 404 before reading a body for an id that is not there
        ctx.json(ResourceJson.of(resources.update(projectId, type, id, requests.jsonBody(ctx))));
    }

    /** sipyard gives these resources no fabric addresses of their own: the list is empty, but only for a real resource. */
    private void addresses(Context ctx, String projectId, ResourceType type) {
        resources.get(projectId, type, ctx.pathParam("id"));
        requests.wholeList(ctx, List.of());
    }
}
