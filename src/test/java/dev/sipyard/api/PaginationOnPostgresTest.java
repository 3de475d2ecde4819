package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class PaginationOnPostgresTest extends PaginationContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
