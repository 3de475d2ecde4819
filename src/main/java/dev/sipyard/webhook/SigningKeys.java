package dev.sipyard.webhook;

import java.util.Optional;

/** Where a project's signing key comes from. */
@FunctionalInterface
public interface SigningKeys {
    /** The project's signing key, or empty when there is no such project. */
    Optional<String> keyOf(String projectId);
}
