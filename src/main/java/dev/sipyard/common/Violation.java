package dev.sipyard.common;

/** One problem with a request: a stable machine code, the field it concerns (or null) and a sentence for people. */
public record Violation(String code, String attribute, String message) {

    public static final String MISSING = "missing_required_parameter";
    public static final String INVALID = "invalid_parameter";
    public static final String INVALID_VALUE = "invalid_parameter_value";
    public static final String NOT_UNIQUE = "not_unique_within_project";
    public static final String SEND_AS_INVALID = "send_as_is_invalid";
    public static final String INVALID_RESOURCE = "invalid_resource_for_handler";
    public static final String RESOURCE_IN_OTHER_PROJECT = "resource_in_different_project";
    public static final String UNKNOWN = "unknown_parameter";
    public static final String ASSIGNED_AS_HANDLER = "resource_assigned_as_handler";
    public static final String PAGE_TOKEN_INVALID = "page_token_is_invalid";
}
