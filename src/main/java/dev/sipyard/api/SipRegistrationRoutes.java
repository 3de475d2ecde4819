package dev.sipyard.api;

import dev.sipyard.common.Times;
import dev.sipyard.endpoint.EndpointService;
import dev.sipyard.sip.SipService;
import dev.sipyard.location.Binding;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/fabric/resources/sip_endpoints/{id}/registrations: the endpoint's live bindings. */
final class SipRegistrationRoutes {
    private final EndpointService endpoints;
    private final SipService sip;
    private final Requests requests;

    SipRegistrationRoutes(EndpointService endpoints, SipService sip, Requests requests) {
        this.endpoints = endpoints;
        this.sip = sip;
        this.requests = requests;
    }

    void register(Router r) {
        r.get(EndpointRoutes.FABRIC + "/{id}/registrations", this::list);
    }

    private void list(Context ctx, String projectId) {
        String id = endpoints.get(projectId, ctx.pathParam("id")).id(); // 404 for another project's endpoint
        requests.wholeList(ctx, sip.registrations(id).stream().map(SipRegistrationRoutes::json).toList());
    }

    private static Map<String, Object> json(Binding b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "sip_registration");
        m.put("id", b.id());
        m.put("contact", b.contactUri());
        m.put("transport", b.transport().toLowerCase(java.util.Locale.ROOT));
        m.put("source_address", b.sourceAddress());
        m.put("source_port", b.sourcePort());
        m.put("user_agent", b.userAgent());
        m.put("registered_at", Times.iso(b.registeredAt()));
        m.put("expires_at", Times.iso(b.expiresAt()));
        return m;
    }
}
