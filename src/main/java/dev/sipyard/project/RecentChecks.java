package dev.sipyard.project;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Successful token checks of the last moments: token hash to owning project, each trusted for
 * a fixed validity measured from the moment its database lookup started. Failed checks are never
 * remembered, so a token created elsewhere works at once. Only live tokens get in, so the size is
 * bounded by the tokens in use; past {@link #MAX_ENTRIES} everything is forgotten.
 */
final class RecentChecks {
    static final int MAX_ENTRIES = 10_000;

    private record Check(String projectId, long checkedAtMillis) {}

    private final Map<String, Check> checks = new ConcurrentHashMap<>();
    private final LongSupplier millis;
    private final long validityMillis;

    /** {@code millis}: the current time in milliseconds (ApiTokens passes its clock's). */
    RecentChecks(LongSupplier millis, Duration validity) {
        this.millis = millis;
        this.validityMillis = validity.toMillis();
    }

    /**
     * The project owning the token with this hash: remembered if checked within the validity,
     * else {@code lookup}'s answer (null for no live token).
     */
    String owner(String tokenHash, Supplier<String> lookup) {
        long now = millis.getAsLong();
        Check c = checks.get(tokenHash);
        // A clock that went backwards makes the age negative: do not trust the entry then either.
        if (c != null && now - c.checkedAtMillis >= 0 && now - c.checkedAtMillis < validityMillis) {
            return c.projectId;
        }
        String owner = lookup.get();
        if (owner == null) {
            checks.remove(tokenHash);
        } else {
            if (checks.size() >= MAX_ENTRIES) {
                checks.clear();
            }
            checks.put(tokenHash, new Check(owner, now));
        }
        return owner;
    }

    void forgetAll() {
        checks.clear();
    }
}
