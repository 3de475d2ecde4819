package dev.sipyard.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Signing keys read from {@code projects.signing_key}, cached for a few seconds so a burst of
 * requests costs one query, while a rotated key is used soon after.
 */
public final class ProjectSigningKeys implements SigningKeys {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final int MAX_ENTRIES = 10_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<String> key, long until) {}

    /** Keys read through {@code jdbi}; {@code clock} ages the cache. */
    public ProjectSigningKeys(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<String> keyOf(String projectId) {
        if (projectId == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        Cached c = cache.get(projectId);
        if (c != null && c.until() > now) {
            return c.key();
        }
        Optional<String> key = jdbi.withHandle(h -> h.createQuery("SELECT signing_key FROM projects WHERE id = :id")
                .bind("id", projectId).mapTo(String.class).findOne());
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(projectId, new Cached(key, now + TTL.toMillis()));
        return key;
    }
}
