package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ConcurrencyOnPostgresTest extends ConcurrencyContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
