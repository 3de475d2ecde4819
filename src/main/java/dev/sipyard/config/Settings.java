package dev.sipyard.config;

import dev.sipyard.common.IpNetworks;
import java.nio.file.Path;

/**
 * Everything the server is told by its operator, validated once at start.
 *
 * @param httpAddr    where the REST API listens
 * @param dataDir     the folder for the SQLite file, generated keys and certificates
 * @param dbUrl       JDBC URL: jdbc:sqlite:... or jdbc:postgresql://...
 * @param dbUser      PostgreSQL user (null: from the URL)
 * @param dbPassword  PostgreSQL password (null: from the URL)
 * @param dbPoolSize  connections in the pool
 * @param sipDomain   the server SIP domain; projects get {@code <domain_identifier>.<sipDomain>}
 * @param publicUrl   base URL of every list's links and of media URLs (null: each request's scheme and Host)
 * @param maxBodyBytes largest request body accepted
 * @param rateLimits  request budgets of the REST API
 * @param sip         SIP listeners, registrar and brute-force guard
 * @param calls       call routing limits and webhook delivery
 * @param media       RTP ports and addresses, text to speech, prompt limits
 * @param trustedProxies reverse proxies whose X-Forwarded-For names the client (none: the header is ignored)
 * @param nodeId      this node's name among those sharing the database ({@link NodeIds})
 * @param metricsAddr where the Prometheus {@code /metrics} listener listens (null: off); never the API's listener
 * @param drainSeconds how long a stopping node waits for its calls to end (0: it stops at once)
 * @param nodeDeadSeconds how long a node may go unseen in the database before a live node ends the calls it left open
 */
public record Settings(
        HostPort httpAddr,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        String sipDomain,
        String publicUrl,
        int maxBodyBytes,
        RateLimits rateLimits,
        SipSettings sip,
        CallSettings calls,
        MediaConfig media,
        IpNetworks trustedProxies,
        String nodeId,
        HostPort metricsAddr,
        int drainSeconds,
        int nodeDeadSeconds) {

    public boolean isPostgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }

    public Settings withHttpAddr(HostPort addr) {
        return new Settings(addr, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize, sipDomain, publicUrl, maxBodyBytes,
                rateLimits, sip, calls, media, trustedProxies, nodeId, metricsAddr, drainSeconds,
                nodeDeadSeconds);
    }
}
