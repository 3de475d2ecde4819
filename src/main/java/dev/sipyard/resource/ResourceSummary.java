package dev.sipyard.resource;

/**
 * One entry of the generic resource view: the envelope fields of any resource, SIP endpoints
 * included. {@code resource} carries the type's fields for resources of this package, and is
 * null for a SIP endpoint (whose fields the endpoint service owns).
 */
public record ResourceSummary(
        String id,
        String projectId,
        String type,
        String displayName,
        long createdAt,
        long updatedAt,
        Resource resource) {

    public static final String SIP_ENDPOINT = "sip_endpoint";

    public boolean isSipEndpoint() {
        return SIP_ENDPOINT.equals(type);
    }
}
