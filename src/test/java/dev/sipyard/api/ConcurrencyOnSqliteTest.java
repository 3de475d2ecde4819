package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ConcurrencyOnSqliteTest extends ConcurrencyContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
