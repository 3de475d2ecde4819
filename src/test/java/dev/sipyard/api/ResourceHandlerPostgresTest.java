package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ResourceHandlerPostgresTest extends ResourceHandlerContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
