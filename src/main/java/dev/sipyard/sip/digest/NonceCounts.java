package dev.sipyard.sip.digest;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest nonce count accepted for each recently used nonce, so that a replayed (or reused)
 * nc is refused. Only nonces issued within the last {@code horizon} are remembered, which bounds
 * memory at (registration rate x horizon) small entries; a nonce older than that which is not
 * remembered cannot be proven fresh and is answered with a new challenge (stale=true), which
 * phones follow without asking anyone. Kept per node.
 */
public final class NonceCounts {
    /** What a nonce count is. */
    public enum Use { ACCEPTED, REPLAYED, FORGOTTEN }

    private record Seen(long issuedAt, long highest) {}

    private final ConcurrentHashMap<Long, Seen> seen = new ConcurrentHashMap<>();
    private final long horizonMillis;
    private final Clock clock;

    public NonceCounts(long horizonMillis, Clock clock) {
        this.horizonMillis = horizonMillis;
        this.clock = clock;
    }

    /** Checks {@code nc} (8 hex digits) for a nonce that passed {@link Nonces#check}, and remembers it. */
    public Use accept(String nonce, String ncHex) {
        long nc;
        try {
            nc = ncHex.length() == 8 ? Long.parseLong(ncHex, 16) : -1;
        } catch (NumberFormatException e) {
            nc = -1;
        }
        if (nc <= 0) {
            return Use.REPLAYED;
        }
        long issuedAt = Nonces.issuedAt(nonce);
        long key = key(nonce);
        long count = nc;
        Use[] result = new Use[1];
        seen.compute(key, (k, prev) -> {
            if (prev == null) {
                boolean remembered = issuedAt >= clock.millis() - horizonMillis;
                result[0] = remembered ? Use.ACCEPTED : Use.FORGOTTEN;
                return remembered ? new Seen(issuedAt, count) : null;
            }
            if (count > prev.highest()) {
                result[0] = Use.ACCEPTED;
                return new Seen(prev.issuedAt(), count);
            }
            result[0] = Use.REPLAYED;
            return prev;
        });
        return result[0];
    }

    /** Forgets nonces issued before the horizon. */
    public void purge() {
        long cutoff = clock.millis() - horizonMillis;
        seen.values().removeIf(s -> s.issuedAt() < cutoff);
    }

    public int size() {
        return seen.size();
    }

    /** 64 bits of the nonce's signature: unique enough to tell nonces apart, and small. */
    private static long key(String nonce) {
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(nonce)).getLong(16);
    }
}
