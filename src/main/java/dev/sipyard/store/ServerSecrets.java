package dev.sipyard.store;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.jdbi.v3.core.Jdbi;

/**
 * Named random keys kept in the database, so every node that shares it uses the same ones
 * (for example the key that signs pagination cursors and SIP nonces).
 */
public final class ServerSecrets {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Jdbi jdbi;

    public ServerSecrets(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The 32-byte key of that name, created on first use; concurrent first uses agree on one key. */
    public byte[] key(String name) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        String hex = HexFormat.of().formatHex(fresh);
        return jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO server_secrets (name, value) VALUES (:n, :v) ON CONFLICT (name) DO NOTHING")
                    .bind("n", name).bind("v", hex).execute();
            String stored = h.createQuery("SELECT value FROM server_secrets WHERE name = :n")
                    .bind("n", name).mapTo(String.class).one();
            return HexFormat.of().parseHex(stored);
        });
    }
}
