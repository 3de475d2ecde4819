package dev.sipyard.endpoint;

/** A field that only some call handlers use; its name is also its column name. */
public enum HandlerField implements HandlerFieldSpec {
    CALLING_HANDLER_RESOURCE_ID(Kind.CALL_HANDLER_RESOURCE, true),
    CALL_REQUEST_URL(Kind.URL, true),
    CALL_REQUEST_METHOD(Kind.METHOD, false),
    CALL_FALLBACK_URL(Kind.URL, false),
    CALL_FALLBACK_METHOD(Kind.METHOD, false),
    CALL_STATUS_CALLBACK_URL(Kind.URL, false),
    CALL_STATUS_CALLBACK_METHOD(Kind.METHOD, false),
    CALL_LAML_APPLICATION_ID(Kind.CXML_APPLICATION, true),
    CALL_DIALOGFLOW_AGENT_ID(Kind.TEXT, true),
    CALL_RELAY_TOPIC(Kind.TEXT, true),
    CALL_RELAY_TOPIC_STATUS_CALLBACK_URL(Kind.URL, false),
    CALL_RELAY_CONTEXT(Kind.TEXT, true),
    CALL_RELAY_CONTEXT_STATUS_CALLBACK_URL(Kind.URL, false),
    CALL_RELAY_APPLICATION(Kind.TEXT, true),
    CALL_VIDEO_ROOM_ID(Kind.UUID, true),
    CALL_RELAY_SCRIPT_URL(Kind.URL, true),
    CALL_FLOW_ID(Kind.UUID, true),
    CALL_FLOW_VERSION(Kind.FLOW_VERSION, false),
    CALL_AI_AGENT_ID(Kind.UUID, true);

    /** How a field's value is checked. */
    public enum Kind {
        URL,
        METHOD,
        TEXT,
        UUID,
        FLOW_VERSION,
        CALL_HANDLER_RESOURCE,
        CXML_APPLICATION,
        /** The id of a SIP endpoint of the project (phone numbers' call_sip_endpoint_id). */
        SIP_ENDPOINT
    }

    private final Kind kind;
    private final boolean required;

    HandlerField(Kind kind, boolean required) {
        this.kind = kind;
        this.required = required;
    }

    @Override
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public Kind kind() {
        return kind;
    }

    @Override
    public boolean required() {
        return required;
    }
}
