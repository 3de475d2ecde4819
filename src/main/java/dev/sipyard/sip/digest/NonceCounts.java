package dev.sipyard.sip.digest;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The highest nonce count accepted for each live nonce, so that a replayed (or reused) nc is
 * refused. Entries go when their nonce expires. Kept per node: a nonce is answered by the node
 * that issued the challenge in all but failover cases.
 */
public final class NonceCounts {
    private final ConcurrentHashMap<String, Long> highest = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final Clock clock;

    public NonceCounts(long ttlMillis, Clock clock) {
        this.ttlMillis = ttlMillis;
        this.clock = clock;
    }

    /** Accepts {@code nc} (hex) if it is higher than any seen for this nonce, and remembers it. */
    public boolean accept(String nonce, String ncHex) {
        long nc;
        try {
            if (ncHex.length() != 8) {
                return false;
            }
            nc = Long.parseLong(ncHex, 16);
        } catch (NumberFormatException e) {
            return false;
        }
        if (nc <= 0) {
            return false;
        }
        boolean[] accepted = new boolean[1];
        highest.compute(nonce, (k, prev) -> {
            if (prev == null || nc > prev) {
                accepted[0] = true;
                return nc;
            }
            return prev;
        });
        return accepted[0];
    }

    /** Forgets nonces past their lifetime. */
    public void purge() {
        long cutoff = clock.millis() - ttlMillis - 10_000;
        highest.keySet().removeIf(n -> Nonces.issuedAt(n) < cutoff);
    }

    public int size() {
        return highest.size();
    }
}
