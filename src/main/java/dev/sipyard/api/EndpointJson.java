package dev.sipyard.api;

import dev.sipyard.endpoint.CallHandler;
import dev.sipyard.endpoint.HandlerField;
import dev.sipyard.endpoint.SipEndpoint;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
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

    /**
     * Field names encoded once: a list page writes 28 names for each of its endpoints, and
     * escaping and encoding each name again was the largest part of a page's cost.
     */
    private static final SerializedString TYPE = new SerializedString("type");
    private static final SerializedString SIP_ENDPOINT = new SerializedString("sip_endpoint");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString USERNAME = new SerializedString("username");
    private static final SerializedString CALLER_ID = new SerializedString("caller_id");
    private static final SerializedString SEND_AS = new SerializedString("send_as");
    private static final SerializedString CIPHERS = new SerializedString("ciphers");
    private static final SerializedString CODECS = new SerializedString("codecs");
    private static final SerializedString ENCRYPTION = new SerializedString("encryption");
    private static final SerializedString CALL_HANDLER = new SerializedString("call_handler");
    private static final SerializedString[] HANDLER_NAMES = java.util.Arrays.stream(HandlerField.values())
            .map(f -> new SerializedString(f.wireName())).toArray(SerializedString[]::new);
    private static final HandlerLayout[] LAYOUTS = java.util.Arrays.stream(CallHandler.values())
            .map(HandlerLayout::of).toArray(HandlerLayout[]::new);

    /**
     * The handler fields of one handler in wire order. The fields of other handlers are always
     * null, so each run of them between this handler's own fields is written as one piece of
     * text made once ({@code ,"name":null,...}): most of an endpoint's 19 handler fields are such.
     */
    private record HandlerLayout(HandlerField[] own, SerializedString[] nullsBefore, SerializedString nullsAfter) {
        static HandlerLayout of(CallHandler handler) {
            List<HandlerField> own = new java.util.ArrayList<>();
            List<SerializedString> before = new java.util.ArrayList<>();
            StringBuilder nulls = new StringBuilder();
            for (HandlerField f : HandlerField.values()) {
                if (handler.fields().contains(f)) {
                    own.add(f);
                    before.add(new SerializedString(nulls.toString()));
                    nulls.setLength(0);
                } else {
                    nulls.append(",\"").append(f.wireName()).append("\":null");
                }
            }
            return new HandlerLayout(own.toArray(HandlerField[]::new), before.toArray(SerializedString[]::new),
                    new SerializedString(nulls.toString()));
        }

        /** Written after at least one field of the object, so that the text's leading comma is right. */
        void write(JsonGenerator g, Map<HandlerField, String> fields) throws IOException {
            for (int i = 0; i < own.length; i++) {
                raw(g, nullsBefore[i]);
                Streamed.string(g, HANDLER_NAMES[own[i].ordinal()], fields.get(own[i]));
            }
            raw(g, nullsAfter);
        }

        private static void raw(JsonGenerator g, SerializedString text) throws IOException {
            if (text.charLength() > 0) {
                g.writeRaw(text);
            }
        }
    }
    private static final SerializedString[] HANDLER_VALUES = java.util.Arrays.stream(CallHandler.values())
            .map(h -> new SerializedString(h.wireName())).toArray(SerializedString[]::new);

    private record Streamed(SipEndpoint e) implements JsonSerializable {
        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeFieldName(TYPE);
            g.writeString(SIP_ENDPOINT);
            string(g, ID, e.id());
            string(g, USERNAME, e.username());
            string(g, CALLER_ID, e.callerId());
            string(g, SEND_AS, e.sendAs());
            list(g, CIPHERS, e.ciphers());
            list(g, CODECS, e.codecs());
            string(g, ENCRYPTION, e.encryption());
            g.writeFieldName(CALL_HANDLER);
            g.writeString(HANDLER_VALUES[e.callHandler().ordinal()]);
            LAYOUTS[e.callHandler().ordinal()].write(g, e.handlerFields());
            g.writeEndObject();
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type)
                throws IOException {
            serialize(g, provider);
        }

        private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
            g.writeFieldName(name);
            if (value == null) {
                g.writeNull();
            } else {
                g.writeString(value);
            }
        }

        private static void list(JsonGenerator g, SerializedString name, List<String> values) throws IOException {
            g.writeFieldName(name);
            if (values == null) {
                g.writeNull();
                return;
            }
            g.writeStartArray();
            for (String v : values) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
    }

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
