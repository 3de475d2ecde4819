package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ProfileAndNumbersOnSqliteTest extends ProfileAndNumbersContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
