package dev.sipyard.endpoint;

import static dev.sipyard.endpoint.HandlerField.*;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What happens to calls an endpoint places: the policies ({@code default}, {@code passthrough},
 * {@code block-pstn}, {@code resource}) and the inline handlers, one value set (API.md).
 */
public enum CallHandler {
    DEFAULT("default"),
    PASSTHROUGH("passthrough"),
    BLOCK_PSTN("block-pstn"),
    RESOURCE("resource", CALLING_HANDLER_RESOURCE_ID),
    LAML_WEBHOOKS("laml_webhooks", CALL_REQUEST_URL, CALL_REQUEST_METHOD, CALL_FALLBACK_URL, CALL_FALLBACK_METHOD,
            CALL_STATUS_CALLBACK_URL, CALL_STATUS_CALLBACK_METHOD),
    LAML_APPLICATION("laml_application", CALL_LAML_APPLICATION_ID),
    RELAY_SCRIPT("relay_script", CALL_RELAY_SCRIPT_URL),
    RELAY_CONTEXT("relay_context", CALL_RELAY_CONTEXT, CALL_RELAY_CONTEXT_STATUS_CALLBACK_URL),
    RELAY_TOPIC("relay_topic", CALL_RELAY_TOPIC, CALL_RELAY_TOPIC_STATUS_CALLBACK_URL),
    RELAY_APPLICATION("relay_application", CALL_RELAY_APPLICATION),
    RELAY_CONNECTOR("relay_connector"),
    DIALOGFLOW("dialogflow", CALL_DIALOGFLOW_AGENT_ID),
    VIDEO_ROOM("video_room", CALL_VIDEO_ROOM_ID),
    CALL_FLOW("call_flow", CALL_FLOW_ID, CALL_FLOW_VERSION),
    AI_AGENT("ai_agent", CALL_AI_AGENT_ID);

    private final String wireName;
    private final Set<HandlerField> fields;

    CallHandler(String wireName, HandlerField... fields) {
        this.wireName = wireName;
        this.fields = fields.length == 0 ? Set.of() : Set.copyOf(Arrays.asList(fields));
    }

    public String wireName() {
        return wireName;
    }

    /** The handler-specific fields this handler uses; all others stay null. */
    public Set<HandlerField> fields() {
        return fields;
    }

    public static Optional<CallHandler> fromWire(String value) {
        return Arrays.stream(values()).filter(h -> h.wireName.equalsIgnoreCase(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(CallHandler::wireName).toList();
    }
}
