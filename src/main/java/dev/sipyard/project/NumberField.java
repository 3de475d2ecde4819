package dev.sipyard.project;

import dev.sipyard.endpoint.HandlerField;
import dev.sipyard.endpoint.HandlerFieldSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * The fields of a phone number that only some of its call handlers use (SignalWire's names);
 * the name is also the column name. Those an endpoint has too share its rule.
 */
public enum NumberField implements HandlerFieldSpec {
    CALL_REQUEST_URL(HandlerField.CALL_REQUEST_URL),
    CALL_REQUEST_METHOD(HandlerField.CALL_REQUEST_METHOD),
    CALL_FALLBACK_URL(HandlerField.CALL_FALLBACK_URL),
    CALL_FALLBACK_METHOD(HandlerField.CALL_FALLBACK_METHOD),
    CALL_STATUS_CALLBACK_URL(HandlerField.CALL_STATUS_CALLBACK_URL),
    CALL_STATUS_CALLBACK_METHOD(HandlerField.CALL_STATUS_CALLBACK_METHOD),
    CALL_LAML_APPLICATION_ID(HandlerField.CALL_LAML_APPLICATION_ID),
    CALL_RELAY_SCRIPT_URL(HandlerField.CALL_RELAY_SCRIPT_URL),
    CALL_SIP_ENDPOINT_ID(null);

    private final HandlerField endpointField;

    NumberField(HandlerField endpointField) {
        this.endpointField = endpointField;
    }

    /** The endpoint's field of the same name and rule, if endpoints have it. */
    Optional<HandlerField> endpointField() {
        return Optional.ofNullable(endpointField);
    }

    @Override
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public HandlerField.Kind kind() {
        return endpointField == null ? HandlerField.Kind.SIP_ENDPOINT : endpointField.kind();
    }

    @Override
    public boolean required() {
        return endpointField == null || endpointField.required();
    }
}
