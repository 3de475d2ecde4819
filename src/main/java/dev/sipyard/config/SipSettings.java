package dev.sipyard.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The SIP side's settings: listeners, registrar limits and the brute-force guard.
 *
 * @param addr            UDP and TCP listener (port 0 = a free port)
 * @param tlsAddr         TLS listener, or null when switched off
 * @param wsAddr          WebSocket listener, or null when switched off
 * @param wssAddr         secure WebSocket listener, or null when switched off
 * @param tlsCert         PEM certificate chain, or null: a self-signed one kept under the data folder
 * @param tlsKey          PEM private key matching {@code tlsCert}
 * @param minExpires      shortest registration accepted, seconds (shorter gets 423)
 * @param maxExpires      longest registration granted, seconds (longer is shortened)
 * @param maxContacts     bindings per endpoint; a new one beyond it evicts the oldest
 * @param nonceTtlSeconds how long a digest nonce stays valid
 * @param guardThreshold  failed authentications per window that start a ban
 * @param guardWindowSeconds the counting window
 * @param banMinSeconds   first ban period; it doubles on every repeat
 * @param banMaxSeconds   the longest ban period
 * @param allowList       networks never banned (CIDR)
 * @param maxConnections  open TCP/TLS/WS connections per listener; past it the oldest idle one is closed
 * @param idleTimeoutSeconds a connection with no traffic for this long is closed
 * @param threads         SIP worker threads
 * @param digestAlgorithms the digest algorithms offered, in the order of the 401's WWW-Authenticate headers
 * @param nodeAddr        where the other nodes of a cluster send SIP (UDP) to this node, or null: derived
 *                        from {@code addr} (port 0: the UDP listener's port)
 */
public record SipSettings(
        HostPort addr,
        HostPort tlsAddr,
        HostPort wsAddr,
        HostPort wssAddr,
        Path tlsCert,
        Path tlsKey,
        int minExpires,
        int maxExpires,
        int maxContacts,
        int nonceTtlSeconds,
        int guardThreshold,
        int guardWindowSeconds,
        int banMinSeconds,
        int banMaxSeconds,
        List<String> allowList,
        int maxConnections,
        int idleTimeoutSeconds,
        int threads,
        List<String> digestAlgorithms,
        HostPort nodeAddr) {}
