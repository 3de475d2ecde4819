package dev.sipyard.api;

import dev.sipyard.common.Page;
import dev.sipyard.common.PageRequest;
import dev.sipyard.endpoint.CreatedEndpoint;
import dev.sipyard.endpoint.EndpointService;
import dev.sipyard.endpoint.SipEndpoint;
import dev.sipyard.project.SipProfileService;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/** SIP endpoints under the fabric path and the legacy relay path: one store, one representation. */
final class EndpointRoutes {
    static final String FABRIC = "/api/fabric/resources/sip_endpoints";
    static final String LEGACY = "/api/relay/rest/endpoints/sip";

    private final EndpointService endpoints;
    private final SipProfileService profiles;
    private final Requests requests;

    EndpointRoutes(EndpointService endpoints, SipProfileService profiles, Requests requests) {
        this.endpoints = endpoints;
        this.profiles = profiles;
        this.requests = requests;
    }

    void register(Router r) {
        for (String base : List.of(FABRIC, LEGACY)) {
            r.post(base, this::create);
            r.get(base, this::list);
            r.get(base + "/{id}", this::get);
            r.put(base + "/{id}", this::update);
            r.delete(base + "/{id}", this::delete);
        }
        r.patch(FABRIC + "/{id}", this::update);
        r.get(FABRIC + "/{id}/addresses", this::addresses);
    }

    private void create(Context ctx, String projectId) {
        CreatedEndpoint created = endpoints.create(projectId, requests.jsonBody(ctx));
        Map<String, Object> body = EndpointJson.of(created.endpoint());
        if (created.generatedPassword() != null) {
            body.put("password", created.generatedPassword());
        }
        ctx.status(201).json(body);
    }

    private void list(Context ctx, String projectId) {
        String scope = projectId + ":sip_endpoints";
        PageRequest page = requests.page(ctx, scope);
        Page<SipEndpoint> result = endpoints.list(projectId, page, blankToNull(ctx.queryParam("filter_username")),
                blankToNull(ctx.queryParam("filter_caller_id")));
        requests.list(ctx, scope, result, SipEndpoint::id, EndpointJson::streamed, page);
    }

    private void get(Context ctx, String projectId) {
        Json.respond(ctx, EndpointJson.streamed(endpoints.get(projectId, ctx.pathParam("id"))));
    }

    private void update(Context ctx, String projectId) {
        String id = ctx.pathParam("id");
        endpoints.get(projectId, id); // 404 before reading a body for an id that is not there
        ctx.json(EndpointJson.of(endpoints.update(projectId, id, requests.jsonBody(ctx))));
    }

    private void delete(Context ctx, String projectId) {
        endpoints.delete(projectId, ctx.pathParam("id"));
        ctx.status(204);
    }

    private void addresses(Context ctx, String projectId) {
        SipEndpoint e = endpoints.get(projectId, ctx.pathParam("id"));
        String domain = profiles.get(projectId).domain();
        requests.wholeList(ctx, List.of(EndpointJson.address(e, domain)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
