package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ResourceCrudPostgresTest extends ResourceCrudContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
