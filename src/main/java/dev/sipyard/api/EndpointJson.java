package dev.sipyard.api;

import dev.sipyard.endpoint.HandlerField;
import dev.sipyard.endpoint.SipEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;

/** The endpoint representation of API.md: every field always present, null where unset, never a secret. */
public final class EndpointJson {
    private EndpointJson() {}

    public static Map<String, Object> of(SipEndpoint e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "sip_endpoint");
        m.put("id", e.id());
        m.put("username", e.username());
        m.put("caller_id", e.callerId());
        m.put("send_as", e.sendAs());
        m.put("ciphers", e.ciphers());
        m.put("codecs", e.codecs());
        m.put("encryption", e.encryption());
        m.put("call_handler", e.callHandler().wireName());
        for (HandlerField f : HandlerField.values()) {
            m.put(f.wireName(), e.handlerFields().get(f));
        }
        return m;
    }

    /** The SIP address a device uses to reach this endpoint, as a fabric address. */
    static Map<String, Object> address(SipEndpoint e, String domain) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", java.util.UUID.nameUUIDFromBytes(("address:" + e.id()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString());
        m.put("name", e.username());
        m.put("display_name", e.callerId() != null ? e.callerId() : e.username());
        m.put("cover_url", null);
        m.put("preview_url", null);
        m.put("locked", false);
        m.put("channels", Map.of("audio", "sip:" + e.username() + "@" + domain));
        m.put("created_at", dev.sipyard.common.Times.iso(e.createdAt()));
        m.put("type", "call");
        return m;
    }
}
