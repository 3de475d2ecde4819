package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class OpenApiSqliteTest extends OpenApiContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
