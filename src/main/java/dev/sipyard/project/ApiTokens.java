package dev.sipyard.project;

import dev.sipyard.common.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * API tokens: 256 random bits, shown once, stored as SHA-256, compared in constant time.
 * A token authenticates exactly one project.
 *
 * <p>A successful check is remembered for {@link #CHECK_VALIDITY} (by the token's hash, never the
 * token), so a busy client costs one database lookup per token and half second instead of one per
 * request. The bound this gives: a token revoked by any process on the same database (another
 * node, the CLI) is refused by this one at most {@link #CHECK_VALIDITY} after the revocation
 * committed; a revocation through this object forgets every remembered check at once.
 */
public final class ApiTokens {
    /** How long a successful check is trusted without asking the database again; below the promised 1 s. */
    public static final Duration CHECK_VALIDITY = Duration.ofMillis(500);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "sy_";
    private final Jdbi jdbi;
    private final RecentChecks recent;

    public ApiTokens(Jdbi jdbi) {
        this(jdbi, Clock.systemUTC());
    }

    public ApiTokens(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.recent = new RecentChecks(clock::millis, CHECK_VALIDITY);
    }

    /** Creates a token for the project inside the caller's transaction and returns it in clear, the only time it exists so. */
    String issue(Handle h, String projectId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        h.createUpdate("INSERT INTO api_tokens (id, project_id, token_hash, hint, created_at) "
                        + "VALUES (:id, :p, :hash, :hint, :now)")
                .bind("id", Ids.newId()).bind("p", projectId).bind("hash", hash(token))
                .bind("hint", token.substring(token.length() - 4)).bind("now", System.currentTimeMillis())
                .execute();
        return token;
    }

    /** A new token for an existing project; empty if the project does not exist. */
    public Optional<String> create(String projectId) {
        return jdbi.inTransaction(h -> {
            boolean exists = h.createQuery("SELECT 1 FROM projects WHERE id = :p").bind("p", projectId)
                    .mapTo(Integer.class).findOne().isPresent();
            return exists ? Optional.of(issue(h, projectId)) : Optional.empty();
        });
    }

    public List<TokenInfo> list(String projectId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id, hint, created_at, revoked_at FROM api_tokens WHERE project_id = :p ORDER BY id")
                .bind("p", projectId)
                .map((rs, ctx) -> new TokenInfo(rs.getString("id"), rs.getString("hint"), rs.getLong("created_at"),
                        rs.getObject("revoked_at") == null ? null : rs.getLong("revoked_at")))
                .list());
    }

    /** Revokes one token of the project; false if there is no such token. */
    public boolean revoke(String projectId, String tokenId) {
        boolean changed = jdbi.withHandle(h -> h.createUpdate("UPDATE api_tokens SET revoked_at = :now "
                                + "WHERE id = :id AND project_id = :p AND revoked_at IS NULL")
                        .bind("now", System.currentTimeMillis()).bind("id", tokenId).bind("p", projectId)
                        .execute()) > 0;
        recent.forgetAll();
        return changed || list(projectId).stream().anyMatch(t -> t.id().equals(tokenId));
    }

    /** True when {@code token} is a live token of project {@code projectId}. */
    public boolean authenticate(String projectId, String token) {
        if (!Ids.isId(projectId) || token == null || token.length() > 200) {
            return false;
        }
        String hash = hash(token);
        String owner = recent.owner(hash, () -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT project_id FROM api_tokens WHERE token_hash = :hash AND revoked_at IS NULL")
                .bind("hash", hash).mapTo(String.class).findOne().orElse(null)));
        // The token hash was the lookup key; the owner check is constant-time like any secret comparison.
        byte[] expected = projectId.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = (owner == null ? "" : owner).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) && owner != null;
    }

    static String hash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
