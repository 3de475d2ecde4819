package dev.sipyard.location;

/** One location binding: a contact where an endpoint can be reached, until {@code expiresAt} (epoch ms). */
public record Binding(String id, String endpointId, String projectId, String contactUri, String callId, long cseq,
                      String transport, String sourceAddress, int sourcePort, String userAgent,
                      long credentialVersion, long registeredAt, long expiresAt) {

    Binding refreshed(BindingUpdate u, long now, int expiresSeconds) {
        return new Binding(id, endpointId, projectId, contactUri, u.callId(), u.cseq(), u.transport(),
                u.sourceAddress(), u.sourcePort(), u.userAgent(), u.credentialVersion(), now,
                now + expiresSeconds * 1000L);
    }
}
