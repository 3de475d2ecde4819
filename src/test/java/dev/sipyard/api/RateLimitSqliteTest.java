package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class RateLimitSqliteTest extends RateLimitContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
