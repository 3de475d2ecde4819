package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class AuthOnSqliteTest extends AuthContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
