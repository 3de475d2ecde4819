package dev.sipyard.api;

import dev.sipyard.project.SigningKeys;
import java.util.Map;

/** GET (show) and POST (rotate) /api/relay/rest/signing_key: the key that signs the project's webhooks. */
final class SigningKeyRoutes {
    static final String PATH = "/api/relay/rest/signing_key";
    private final SigningKeys keys;

    SigningKeyRoutes(SigningKeys keys) {
        this.keys = keys;
    }

    void register(Router r) {
        r.get(PATH, (ctx, p) -> ctx.json(Map.of("signing_key", keys.get(p))));
        r.post(PATH, (ctx, p) -> ctx.status(201).json(Map.of("signing_key", keys.rotate(p))));
    }
}
