package dev.sipyard.location;

/**
 * One location binding: a contact where an endpoint can be reached, until {@code expiresAt} (epoch ms).
 * {@code node} is the SIP address ({@code host:port}, UDP) of the node the REGISTER came through: a
 * phone on TCP, TLS or WebSocket can only be reached over its connection, which lives on that node
 * (null for bindings stored before nodes were recorded).
 */
public record Binding(String id, String endpointId, String projectId, String contactUri, String callId, long cseq,
                      String transport, String sourceAddress, int sourcePort, String userAgent,
                      long credentialVersion, long registeredAt, long expiresAt, String node) {

    Binding refreshed(BindingUpdate u, long now, int expiresSeconds, String node) {
        return new Binding(id, endpointId, projectId, contactUri, u.callId(), u.cseq(), u.transport(),
                u.sourceAddress(), u.sourcePort(), u.userAgent(), u.credentialVersion(), now,
                now + expiresSeconds * 1000L, node);
    }

    /** True when the phone is reached over a connection it opened (TCP, TLS, WS, WSS), not by datagrams. */
    public boolean connectionOriented() {
        return !"UDP".equalsIgnoreCase(transport);
    }
}
