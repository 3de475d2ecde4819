package dev.sipyard.routing;

/** What to do with a call, as decided by {@link DecisionTable}. */
public sealed interface Decision {
    /** Fork the call to the endpoint's live bindings. {@code endpointId} is null when only the username is known. */
    record Ring(String endpointId, String username) implements Decision {}

    /** Send the call to a gateway: Request-URI user {@code targetUser}, From user and display name as given. */
    record Relay(GatewayRef gateway, String targetUser, String fromUser, String displayName) implements Decision {}

    /** Run a cXML document fetched from the source. */
    record RunCxml(DocumentSource source) implements Decision {}

    /** Run a SWML document fetched from the source. */
    record RunSwml(DocumentSource source) implements Decision {}

    /** Answer the caller with this final status and a Reason header carrying {@code reason}. */
    record Refuse(int status, String reason) implements Decision {}
}
