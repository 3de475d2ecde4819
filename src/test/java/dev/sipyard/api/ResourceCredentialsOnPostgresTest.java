package dev.sipyard.api;

import dev.sipyard.testing.Backend;

class ResourceCredentialsOnPostgresTest extends ResourceCredentialsContract {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
