package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class CallLogOnSqliteTest extends CallLogContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
