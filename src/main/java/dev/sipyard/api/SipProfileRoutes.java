package dev.sipyard.api;

import dev.sipyard.project.SipProfile;
import dev.sipyard.project.SipProfileService;
import java.util.LinkedHashMap;
import java.util.Map;

/** GET and PUT /api/relay/rest/sip_profile. */
final class SipProfileRoutes {
    private final SipProfileService profiles;
    private final Requests requests;

    SipProfileRoutes(SipProfileService profiles, Requests requests) {
        this.profiles = profiles;
        this.requests = requests;
    }

    void register(Router r) {
        String path = "/api/relay/rest/sip_profile";
        r.get(path, (ctx, p) -> ctx.json(json(profiles.get(p))));
        r.put(path, (ctx, p) -> ctx.json(json(profiles.update(p, requests.jsonBody(ctx)))));
    }

    static Map<String, Object> json(SipProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("domain", p.domain());
        m.put("domain_identifier", p.domainIdentifier());
        m.put("default_codecs", p.defaultCodecs());
        m.put("default_ciphers", p.defaultCiphers());
        m.put("default_encryption", p.defaultEncryption());
        m.put("default_send_as", p.defaultSendAs());
        m.put("default_call_handler", p.defaultCallHandler());
        m.put("default_calling_handler_resource_id", p.defaultCallingHandlerResourceId());
        m.put("pstn_gateway_id", p.pstnGatewayId());
        m.put("realm", p.realm());
        return m;
    }
}
