package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class RateLimitPostgresTest extends RateLimitContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
