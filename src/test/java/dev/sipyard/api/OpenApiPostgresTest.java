package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class OpenApiPostgresTest extends OpenApiContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
