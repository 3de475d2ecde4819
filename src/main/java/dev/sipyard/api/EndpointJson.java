package dev.sipyard.api;

import dev.sipyard.endpoint.HandlerField;
import dev.sipyard.endpoint.SipEndpoint;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The endpoint representation of API.md: every field always present, null where unset, never a secret. */
public final class EndpointJson {
    private EndpointJson() {}

    /** The same representation as {@link #of}, written field by field by Jackson's generator: no map per endpoint. */
    static JsonSerializable streamed(SipEndpoint e) {
        return new Streamed(e);
    }

    private record Streamed(SipEndpoint e) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeStringField("type", "sip_endpoint");
            g.writeStringField("id", e.id());
            g.writeStringField("username", e.username());
            g.writeStringField("caller_id", e.callerId());
            g.writeStringField("send_as", e.sendAs());
            list(g, "ciphers", e.ciphers());
            list(g, "codecs", e.codecs());
            g.writeStringField("encryption", e.encryption());
            g.writeStringField("call_handler", e.callHandler().wireName());
            for (HandlerField f : HandlerField.values()) {
                g.writeStringField(WIRE_NAMES[f.ordinal()], e.handlerFields().get(f));
            }
            g.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type)
                throws IOException {
            serialize(g, provider);
        }

        private static void list(JsonGenerator g, String name, List<String> values) throws IOException {
            if (values == null) {
                g.writeNullField(name);
                return;
            }
            g.writeArrayFieldStart(name);
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

    private static final String[] WIRE_NAMES =
            java.util.Arrays.stream(HandlerField.values()).map(HandlerField::wireName).toArray(String[]::new);

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
