package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ResourceCredentialsOnSqliteTest extends ResourceCredentialsContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
