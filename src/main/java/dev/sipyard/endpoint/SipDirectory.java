package dev.sipyard.endpoint;

import java.sql.ResultSet;
import java.sql.SQLException;
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
 * renamed domain keeps working that long). {@link #credential} always reads the database, so a
 * password change or deletion on any node takes effect at once; {@link #cachedCredential} serves
 * the registrar from a per-node cache, safe only because the registrar's location writer checks
 * the credential version again, under a lock, where it writes the binding.
 */
public final class SipDirectory {
    private static final long CACHE_MILLIS = 5_000;
    private static final int CACHE_MAX = 10_000;
    private static final long CREDENTIAL_CACHE_MILLIS = 300_000;
    private static final int CREDENTIAL_CACHE_MAX = 200_000;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The project a request addresses, and its digest realm. */
    public record Target(String projectId, String realm) {}

    /** An endpoint's stored digest values (HA1 per algorithm) and credential version. */
    public record Credential(String endpointId, String projectId, String username, String ha1Md5, String ha1Sha256,
                             String ha1Sha512256, long version) {}

    private record Cached(Optional<Target> target, long until) {}

    private record CachedCredential(Credential credential, long until) {}

    private final Jdbi jdbi;
    private final String sipDomain;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> byIdentifier = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CachedCredential> credentials = new ConcurrentHashMap<>();

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
        return usernameKey(username).flatMap(key -> jdbi.withHandle(h -> h.createQuery("SELECT "
                        + String.join(", ", CREDENTIAL_COLUMNS)
                        + " FROM sip_endpoints WHERE project_id = :p AND username_key = :u")
                .bind("p", projectId).bind("u", key)
                .map((rs, ctx) -> credentialOf(rs))
                .findOne()));
    }

    /**
     * What {@code username_key} holds for {@code username} (its lower case), or empty when it cannot
     * name an endpoint (absent, or longer than the 64 characters a username may have): no query then.
     */
    public static Optional<String> usernameKey(String username) {
        return username == null || username.length() > 64 ? Optional.empty()
                : Optional.of(username.toLowerCase(Locale.ROOT));
    }

    /** The columns of {@code sip_endpoints} a {@link Credential} is read from, in {@link #credentialOf}'s order. */
    public static final List<String> CREDENTIAL_COLUMNS = List.of("id", "project_id", "username", "ha1_md5",
            "ha1_sha256", "ha1_sha512_256", "credential_version");

    /** The credential in the first columns of {@code rs}, selected as {@link #CREDENTIAL_COLUMNS} lists them. */
    public static Credential credentialOf(ResultSet rs) throws SQLException {
        return new Credential(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7));
    }

    /**
     * As {@link #credential}, from a per-node cache (found endpoints only, for a few minutes). For
     * callers that check {@link Credential#version()} again where it counts and that
     * {@link #forgetCredential forget} an entry the database contradicts (a digest that does not
     * match, a version that changed): a stale entry then costs a refusal or one more read, never
     * an old password accepted.
     */
    public Optional<Credential> cachedCredential(String projectId, String username) {
        if (username == null || username.length() > 64) {
            return Optional.empty();
        }
        String key = credentialKey(projectId, username);
        long now = clock.millis();
        CachedCredential c = credentials.get(key);
        if (c != null && c.until() > now) {
            return Optional.of(c.credential());
        }
        Optional<Credential> read = credential(projectId, username);
        if (read.isPresent()) {
            if (credentials.size() >= CREDENTIAL_CACHE_MAX) {
                credentials.clear();
            }
            credentials.put(key, new CachedCredential(read.get(), now + CREDENTIAL_CACHE_MILLIS));
        } else {
            credentials.remove(key);
        }
        return read;
    }

    /** Drops the cached credential of a user, so that the next {@link #cachedCredential} reads the database. */
    public void forgetCredential(String projectId, String username) {
        if (username != null) {
            credentials.remove(credentialKey(projectId, username));
        }
    }

    private static String credentialKey(String projectId, String username) {
        return projectId + ":" + username.toLowerCase(Locale.ROOT);
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
