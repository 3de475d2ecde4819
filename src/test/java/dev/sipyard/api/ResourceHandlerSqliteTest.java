package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ResourceHandlerSqliteTest extends ResourceHandlerContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
