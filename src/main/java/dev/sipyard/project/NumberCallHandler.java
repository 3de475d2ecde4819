package dev.sipyard.project;

import dev.sipyard.endpoint.CallHandler;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a call arriving at one of the project's phone numbers does (SignalWire's phone-number
 * {@code call_handler} values; CALLS.md, "Calls arriving from a SIP gateway"). The handlers an
 * endpoint has too keep its name and its fields, as far as numbers have them.
 */
public enum NumberCallHandler {
    RELAY_SIP_ENDPOINT("relay_sip_endpoint", EnumSet.of(NumberField.CALL_SIP_ENDPOINT_ID), true),
    LAML_WEBHOOKS(CallHandler.LAML_WEBHOOKS, true),
    LAML_APPLICATION(CallHandler.LAML_APPLICATION, true),
    RELAY_SCRIPT(CallHandler.RELAY_SCRIPT, true),
    RELAY_CONTEXT(CallHandler.RELAY_CONTEXT, false),
    RELAY_TOPIC(CallHandler.RELAY_TOPIC, false),
    DIALOGFLOW(CallHandler.DIALOGFLOW, false),
    VIDEO_ROOM(CallHandler.VIDEO_ROOM, false),
    RELAY_APPLICATION(CallHandler.RELAY_APPLICATION, false),
    AI_AGENT(CallHandler.AI_AGENT, false),
    CALL_FLOW(CallHandler.CALL_FLOW, false);

    private final String wireName;
    private final Set<NumberField> fields;
    private final boolean routesCalls;

    NumberCallHandler(String wireName, Set<NumberField> fields, boolean routesCalls) {
        this.wireName = wireName;
        this.fields = Set.copyOf(fields);
        this.routesCalls = routesCalls;
    }

    NumberCallHandler(CallHandler same, boolean routesCalls) {
        this(same.wireName(), fieldsOf(same), routesCalls);
    }

    private static Set<NumberField> fieldsOf(CallHandler handler) {
        Set<NumberField> fields = EnumSet.noneOf(NumberField.class);
        for (NumberField f : NumberField.values()) {
            f.endpointField().filter(handler.fields()::contains).ifPresent(x -> fields.add(f));
        }
        return fields;
    }

    public String wireName() {
        return wireName;
    }

    /** The handler-specific fields this handler uses; all others stay null. */
    public Set<NumberField> fields() {
        return fields;
    }

    /**
     * Whether sipyard carries out calls for this handler; the others are stored as SignalWire
     * accepts them, and a call to such a number is refused with 501.
     */
    public boolean routesCalls() {
        return routesCalls;
    }

    public static Optional<NumberCallHandler> fromWire(String value) {
        return Arrays.stream(values()).filter(h -> h.wireName.equalsIgnoreCase(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(NumberCallHandler::wireName).toList();
    }
}
