package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ResourceCrudSqliteTest extends ResourceCrudContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
