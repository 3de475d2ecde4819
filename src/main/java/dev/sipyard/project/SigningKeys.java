package dev.sipyard.project;

import dev.sipyard.common.NotFoundException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;

/**
 * The project's signing key: the HMAC key of the signatures on the webhooks sipyard sends
 * (CALLS.md, "Signature"). A secret of the project: shown only to its own API caller, never logged.
 */
public final class SigningKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Jdbi jdbi;

    public SigningKeys(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A fresh random key: 32 random bytes in lower-case hex. */
    public static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The project's current key. */
    public String get(String projectId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT signing_key FROM projects WHERE id = :p")
                .bind("p", projectId).mapTo(String.class).findOne()).orElseThrow(NotFoundException::new);
    }

    /** Replaces the project's key with a new random one and returns it; signatures made with the old key stop verifying. */
    public String rotate(String projectId) {
        String key = newKey();
        int changed = jdbi.withHandle(h -> h.createUpdate("UPDATE projects SET signing_key = :k, updated_at = :now "
                        + "WHERE id = :p")
                .bind("k", key).bind("now", System.currentTimeMillis()).bind("p", projectId).execute());
        if (changed == 0) {
            throw new NotFoundException();
        }
        return key;
    }
}
