package dev.sipyard.project;

import java.util.Map;

/**
 * A number the project owns: one of the values {@code send_as} may take, and, with its
 * {@code callHandler} (null = none: calls to it are refused), where calls to it go.
 * {@code handlerFields} holds only the fields the handler uses.
 */
public record PhoneNumber(String id, String projectId, String number, String name, NumberCallHandler callHandler,
                          Map<NumberField, String> handlerFields, long createdAt, long updatedAt) {

    public PhoneNumber {
        handlerFields = Map.copyOf(handlerFields);
    }

    /** The value of one handler field, or null when unset. */
    public String field(NumberField field) {
        return handlerFields.get(field);
    }
}
