package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class EndpointApiOnPostgresTest extends EndpointApiContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
