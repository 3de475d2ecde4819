package dev.sipyard.location;

import java.util.List;

/** An authenticated REGISTER's changes to one endpoint's bindings; expiries already clamped (0 = remove). */
public record BindingUpdate(String endpointId, String projectId, long credentialVersion, String callId, long cseq,
                     boolean wildcard, List<Change> contacts, String transport, String sourceAddress,
                     int sourcePort, String userAgent) {

    public record Change(String uri, int expiresSeconds) {}
}
