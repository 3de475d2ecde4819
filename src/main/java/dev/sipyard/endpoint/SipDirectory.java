package dev.sipyard.endpoint;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Who a SIP request is for: the project from the To host, and an endpoint's stored digest
 * values. Project lookups by domain are cached for a few seconds (a realm never changes; a
 * renamed domain keeps working that long); credentials are always read from the database, so a
 * password change or deletion on any node takes effect at once.
 */
public final class SipDirectory {
    private static final long CACHE_MILLIS = 5_000;
    private static final int CACHE_MAX = 10_000;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The project a request addresses, and its digest realm. */
    public record Target(String projectId, String realm) {}

    /** An endpoint's stored digest values (HA1 per algorithm) and credential version. */
    public record Credential(String endpointId, String projectId, String username, String ha1Md5, String ha1Sha256,
                             String ha1Sha512256, long version) {}

    private record Cached(Optional<Target> target, long until) {}

    private final Jdbi jdbi;
    private final String sipDomain;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> byIdentifier = new ConcurrentHashMap<>();

    public SipDirectory(Jdbi jdbi, String sipDomain, Clock clock) {
        this.jdbi = jdbi;
        this.sipDomain = sipDomain.toLowerCase(Locale.ROOT);
        this.clock = clock;
    }

    /**
     * The project of {@code user@host}: {@code <identifier>.<server domain>} names it; an IP
     * address or the server's own name selects the one project that has that username.
     */
    public Optional<Target> resolve(String host, String user) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith("." + sipDomain)) {
            String identifier = h.substring(0, h.length() - sipDomain.length() - 1);
            return identifier.contains(".") ? Optional.empty() : byIdentifier(identifier);
        }
        if (user != null && (h.equals(sipDomain) || h.equals("localhost") || IPV4.matcher(h).matches()
                || h.contains(":"))) {
            return byUsername(user);
        }
        return Optional.empty();
    }

    public Optional<Credential> credential(String projectId, String username) {
        if (username == null || username.length() > 64) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT id, project_id, username, ha1_md5, ha1_sha256, "
                        + "ha1_sha512_256, credential_version FROM sip_endpoints "
                        + "WHERE project_id = :p AND username_key = :u")
                .bind("p", projectId).bind("u", username.toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> new Credential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7)))
                .findOne());
    }

    private Optional<Target> byIdentifier(String identifier) {
        long now = clock.millis();
        Cached c = byIdentifier.get(identifier);
        if (c != null && c.until() > now) {
            return c.target();
        }
        Optional<Target> t = jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, realm FROM projects WHERE domain_identifier = :d")
                .bind("d", identifier).map((rs, ctx) -> new Target(rs.getString(1), rs.getString(2))).findOne());
        if (byIdentifier.size() > CACHE_MAX) {
            byIdentifier.clear();
        }
        byIdentifier.put(identifier, new Cached(t, now + CACHE_MILLIS));
        return t;
    }

    private Optional<Target> byUsername(String user) {
        if (user.length() > 64) {
            return Optional.empty();
        }
        List<Target> found = jdbi.withHandle(h -> h.createQuery("SELECT p.id, p.realm FROM sip_endpoints e "
                        + "JOIN projects p ON p.id = e.project_id WHERE e.username_key = :u LIMIT 2")
                .bind("u", user.toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> new Target(rs.getString(1), rs.getString(2))).list());
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }
}
