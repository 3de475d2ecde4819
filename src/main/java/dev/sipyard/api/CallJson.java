package dev.sipyard.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sipyard.calllog.CallEvent;
import dev.sipyard.calllog.LoggedCall;
import dev.sipyard.common.Times;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Calls of the call log as the Compatibility API (Twilio's Call resource) and the Fabric voice logs show them. */
final class CallJson {
    static final String API_VERSION = "2010-04-01";
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private CallJson() {}

    static String rfc2822(Long epochMillis) {
        return epochMillis == null ? null : RFC_2822.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Twilio's Call fields; null where sipyard has no such fact (price, queue time, ...). */
    static Map<String, Object> compatibility(LoggedCall c, String accountUri) {
        String uri = accountUri + "/Calls/" + c.id() + ".json";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", c.id());
        m.put("account_sid", c.projectId());
        m.put("parent_call_sid", c.parentCallId());
        m.put("date_created", rfc2822(c.createdAt()));
        m.put("date_updated", rfc2822(c.updatedAt()));
        m.put("to", c.to());
        m.put("to_formatted", c.to());
        m.put("from", c.from());
        m.put("from_formatted", c.from());
        m.put("phone_number_sid", c.phoneNumberId());
        m.put("status", c.status());
        m.put("start_time", rfc2822(c.startTime()));
        m.put("end_time", rfc2822(c.endTime()));
        m.put("duration", c.duration() == null ? null : c.duration().toString());
        m.put("price", null);
        m.put("price_unit", "USD");
        m.put("direction", c.direction());
        m.put("answered_by", null);
        m.put("annotation", null);
        m.put("forwarded_from", null);
        m.put("group_sid", null);
        m.put("caller_name", c.callerName());
        m.put("queue_time", "0");
        m.put("trunk_sid", null);
        m.put("sip_result_code", c.sipResultCode());
        m.put("api_version", API_VERSION);
        m.put("uri", uri);
        Map<String, Object> sub = new LinkedHashMap<>();
        sub.put("notifications", accountUri + "/Calls/" + c.id() + "/Notifications.json");
        sub.put("recordings", accountUri + "/Calls/" + c.id() + "/Recordings.json");
        m.put("subresource_uris", sub);
        return m;
    }

    /** The Fabric voice log of a call: the call's facts, ISO times. */
    static Map<String, Object> log(LoggedCall c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("project_id", c.projectId());
        m.put("parent_id", c.parentCallId());
        m.put("type", "call");
        m.put("direction", c.direction());
        m.put("from", c.from());
        m.put("to", c.to());
        m.put("caller_name", c.callerName());
        m.put("status", c.status());
        m.put("reason", c.reason());
        m.put("sip_call_id", c.sipCallId());
        m.put("sip_result_code", c.sipResultCode());
        m.put("start_time", Times.iso(c.startTime()));
        m.put("answer_time", c.answerTime() == null ? null : Times.iso(c.answerTime()));
        m.put("end_time", c.endTime() == null ? null : Times.iso(c.endTime()));
        m.put("duration", c.duration());
        m.put("created_at", Times.iso(c.createdAt()));
        m.put("updated_at", Times.iso(c.updatedAt()));
        return m;
    }

    /** The log plus sipyard's detail: who called, which handler decided, and what it decided. */
    static Map<String, Object> logDetail(LoggedCall c) {
        Map<String, Object> m = log(c);
        m.put("caller_endpoint_id", c.callerEndpointId());
        m.put("phone_number_id", c.phoneNumberId());
        m.put("handler", c.handler());
        m.put("decision", jsonOrText(c.decision()));
        return m;
    }

    static Map<String, Object> event(CallEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("call_id", e.callId());
        m.put("kind", e.kind());
        m.put("at", Instant.ofEpochMilli(e.at()).toString()); // milliseconds: events come close together
        Object detail = jsonOrText(e.detail());
        m.put("detail", detail instanceof Map<?, ?> ? detail : detail == null ? Map.of() : Map.of("text", detail));
        return m;
    }

    /** A JSON object stored as text, as an object; anything else as the text itself. */
    private static Object jsonOrText(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            var node = Json.MAPPER.readTree(stored);
            if (node != null && node.isObject()) {
                return Json.MAPPER.convertValue(node, Map.class);
            }
        } catch (JsonProcessingException e) {
            // not JSON: shown as written
        }
        return stored;
    }
}
