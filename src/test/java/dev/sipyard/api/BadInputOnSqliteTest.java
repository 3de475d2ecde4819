package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class BadInputOnSqliteTest extends BadInputContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
