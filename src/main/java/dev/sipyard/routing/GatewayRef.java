package dev.sipyard.routing;

/**
 * A SIP gateway resource calls can be relayed to.
 *
 * @param gatewayId the resource id
 * @param uri where it is reached, {@code sip:host[:port][;params]}
 */
public record GatewayRef(String gatewayId, String uri) {}
