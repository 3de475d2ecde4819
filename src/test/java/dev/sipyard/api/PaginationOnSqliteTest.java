package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class PaginationOnSqliteTest extends PaginationContract {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
