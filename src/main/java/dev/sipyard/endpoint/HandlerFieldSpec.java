package dev.sipyard.endpoint;

/**
 * A field that only some call handlers use, as {@link HandlerFieldRules} checks it. Endpoints
 * ({@link HandlerField}) and phone numbers each have their own set of such fields.
 */
public interface HandlerFieldSpec {
    /** The JSON field and column name. */
    String wireName();

    /** How the value is checked. */
    HandlerField.Kind kind();

    /** Whether the handler that uses this field cannot work without it. */
    boolean required();
}
