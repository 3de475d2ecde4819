package dev.sipyard.routing;

/** What a {@code resource} handler or an inline document handler points at. */
public sealed interface HandlerTarget {
    /** A {@code sip_endpoint} resource: ring it. */
    record Endpoint(String endpointId, String username) implements HandlerTarget {}

    /** A {@code sip_gateway} resource: relay the call to it. */
    record Gateway(GatewayRef gateway) implements HandlerTarget {}

    /** A cXML webhook, cXML application or inline {@code laml_*} handler. */
    record CxmlDocument(DocumentSource source) implements HandlerTarget {}

    /** A SWML webhook or inline {@code relay_script} handler. */
    record SwmlDocument(DocumentSource source) implements HandlerTarget {}
}
