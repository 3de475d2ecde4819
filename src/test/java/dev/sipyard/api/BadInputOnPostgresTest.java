package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class BadInputOnPostgresTest extends BadInputContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
