package dev.sipyard.api;

import dev.sipyard.project.SipProfile;
import dev.sipyard.project.SipProfileService;
import dev.sipyard.sip.SipServers.SipServer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GET and PUT /api/relay/rest/sip_profile. The profile as published also carries the read-only
 * {@code sip_servers}: where phones reach this node's SIP listeners.
 */
final class SipProfileRoutes {
    static final String SIP_SERVERS = "sip_servers";

    private final SipProfileService profiles;
    private final Supplier<List<SipServer>> servers;
    private final Requests requests;

    SipProfileRoutes(SipProfileService profiles, Supplier<List<SipServer>> servers, Requests requests) {
        this.profiles = profiles;
        this.servers = servers;
        this.requests = requests;
    }

    void register(Router r) {
        String path = "/api/relay/rest/sip_profile";
        r.get(path, (ctx, p) -> ctx.json(json(profiles.get(p))));
        r.put(path, (ctx, p) -> ctx.json(json(profiles.update(p, requests.jsonBody(ctx),
                Map.of(SIP_SERVERS, serversJson())))));
    }

    private Map<String, Object> json(SipProfile p) {
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
        m.put(SIP_SERVERS, serversJson());
        return m;
    }

    /** As a JSON body decodes: a list of maps with String transport and host, Integer port. */
    private List<Map<String, Object>> serversJson() {
        return servers.get().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("transport", s.transport());
            m.put("host", s.host());
            m.put("port", s.port());
            return m;
        }).toList();
    }
}
