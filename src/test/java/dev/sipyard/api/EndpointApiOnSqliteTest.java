package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class EndpointApiOnSqliteTest extends EndpointApiContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
